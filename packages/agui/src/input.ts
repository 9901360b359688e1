import type { RunAgentInput } from '@ag-ui/core';
import { RunAgentInputSchema } from '@ag-ui/core/schemas';

/** The outcome of reading a request's body: the checked input, or why it is not one (`tooLarge`: past the byte limit). */
export type InputReading = { readonly input: RunAgentInput } | { readonly problem: string; readonly tooLarge?: true };

/**
 * Reads a request's JSON body as a `RunAgentInput`, checked with
 * `@ag-ui/core`'s schema (what it returns is the input). A body that is not
 * JSON, or not a valid input, gives the problem in words: the parser's or
 * the schema's messages, each after the path it concerns. A `runId` must be
 * usable as a bus name, so it may not hold `/`.
 */
export async function readRunInput(request: Request, maxBytes: number): Promise<InputReading> {
  const text = await readText(request, maxBytes);
  if (text === undefined) return { problem: `the body is larger than ${maxBytes} bytes (maxBodyBytes)`, tooLarge: true };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return { problem: `the body is not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const result = await RunAgentInputSchema['~standard'].validate(body);
  if (result.issues !== undefined) {
    const listed = result.issues.map((issue) => `${pathOf(issue.path)}${issue.message}`).join('; ');
    return { problem: `invalid RunAgentInput: ${listed}` };
  }
  const input = result.value as RunAgentInput;
  if (input.runId === '' || input.runId.includes('/')) {
    return { problem: `invalid RunAgentInput: runId: must be a non-empty string without '/', got ${JSON.stringify(input.runId.slice(0, 64))}` };
  }
  return { input };
}

/** The body as text, or `undefined` once it passes `maxBytes` (it is read no further: a declared length past it is not read at all). */
async function readText(request: Request, maxBytes: number): Promise<string | undefined> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await request.body?.cancel();
    return undefined;
  }
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    bytes += chunk.value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    text += decoder.decode(chunk.value, { stream: true });
  }
  return text + decoder.decode();
}

/** `messages.0.role: ` for an issue with a path, '' without. */
function pathOf(path: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined): string {
  if (path === undefined || path.length === 0) return '';
  return `${path.map((segment) => String(typeof segment === 'object' ? segment.key : segment)).join('.')}: `;
}
