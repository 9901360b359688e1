import { connect } from 'node:net';

/**
 * Sends `head` (request line and headers, `\r\n` between lines; a
 * `Connection: close` and the blank line are added) over a raw TCP socket,
 * and resolves with everything the server answered once it closes.
 */
export function rawRequest(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.write(`${head}\r\nConnection: close\r\n\r\n`, 'latin1');
  });
}

/** The status line of an answer. */
export function statusLine(answer: string): string {
  return answer.slice(0, answer.indexOf('\r\n'));
}
