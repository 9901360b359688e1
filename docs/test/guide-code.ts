import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The docs package: guides live in `guides/`, their extracted code goes to `.guide-code/`. */
export const docsDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const guidesDir = join(docsDir, 'guides');
const outDir = join(docsDir, '.guide-code');

/** One guide: its file, its title (front matter) and its TypeScript code blocks. */
export interface Guide {
  file: string;
  title: string;
  blocks: string[];
}

/** Every guide, in file-name order. */
export function readGuides(): Guide[] {
  return readdirSync(guidesDir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((file) => readMarkdown(join(guidesDir, file), file));
}

/** A Markdown file's title (front matter) and its TypeScript code blocks. */
export function readMarkdown(path: string, file: string): Guide {
  const text = readFileSync(path, 'utf8');
  const title = /^---\n(?:.*\n)*?title:\s*(.+)\n(?:.*\n)*?---/m.exec(text)?.[1]?.trim() ?? '';
  const blocks = [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
  return { file, title, blocks };
}

/**
 * Type-checks a guide's code blocks, each as a module of its own, with the
 * repository's compiler settings; returns the diagnostics as readable lines.
 */
export function typeCheckGuide(guide: Guide): string[] {
  const dir = join(outDir, guide.file.replace(/\.md$/, ''));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = guide.blocks.map((code, i) => {
    const file = join(dir, `block-${i + 1}.ts`);
    writeFileSync(file, code.includes('import ') || code.includes('export ') ? code : `${code}\nexport {};\n`);
    return file;
  });
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.esnext.disposable.d.ts', 'lib.dom.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [join(docsDir, '..', 'node_modules', '@types')],
  });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? `${diagnostic.file.fileName.slice(dir.length + 1)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}` : '';
    return `${guide.file} ${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });
}
