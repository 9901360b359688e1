/** The tests' private redis-server: the same one the benchmark and the examples start. */
export { freePort, startRedisServer, type RedisServer, type RedisServerOptions } from '../tools/redis-server/src/index.js';
