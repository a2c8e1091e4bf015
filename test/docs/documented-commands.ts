import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The shell commands that the documentation tells a person to type: every command of a `sh`, `bash`,
 * `shell`, `console` or `zsh` code block of README.md, docs/*.md and partners/template/README.md, and
 * any line of an untagged code block that starts like a command (npm, npx, node, curl, docker, ...).
 */
export const ROOT = join(__dirname, '..', '..');

export interface DocumentedCommand {
  file: string;
  /** 1-based line of the command's first line. */
  line: number;
  /** The command as written, continuation lines and heredoc included, trailing `# comments` removed. */
  text: string;
  /** `text` with every run of white space as one space: what the classification table names. */
  key: string;
}

const SHELL_BLOCK = /^(sh|bash|shell|console|zsh)$/;
const LOOKS_LIKE_COMMAND = /^\s*(\$\s+)?([A-Z_]+=\S*\s+)*(npm|npx|node|curl|docker|docker-compose|bash|sh|git|mysql|mariadb|tsc|jest)(?=\s|$)/;

export function documentedFiles(): string[] {
  const docs = readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs, 'partners/template/README.md'];
}

/** ` # comment` at the end of a line, outside quotes. */
function withoutComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '#' && i > 0 && /\s/.test(line[i - 1] ?? '')) {
      return line.slice(0, i).trimEnd();
    }
  }
  return line.trimEnd();
}

export function commandsOf(file: string): DocumentedCommand[] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const commands: DocumentedCommand[] = [];
  let block: string | null = null;
  let current: { line: number; lines: string[]; heredoc: string | null } | null = null;
  const finish = (): void => {
    if (!current) return;
    const text = current.lines.join('\n');
    commands.push({ file, line: current.line, text, key: text.replace(/\s+/g, ' ').trim() });
    current = null;
  };
  lines.forEach((raw, index) => {
    const fence = /^\s*```\s*(\S*)\s*$/.exec(raw);
    if (fence && !current?.heredoc) {
      finish();
      block = block === null ? (fence[1] ?? '') : null;
      return;
    }
    if (block === null) return;
    if (current?.heredoc) {
      current.lines.push(raw);
      if (raw.trim() === current.heredoc) finish();
      return;
    }
    if (current) {
      current.lines.push(withoutComment(raw));
      if (!raw.trimEnd().endsWith('\\')) finish();
      return;
    }
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    if (!SHELL_BLOCK.test(block) && !LOOKS_LIKE_COMMAND.test(raw)) return;
    const line = withoutComment(raw.replace(/^\s*\$\s+/, ''));
    const heredoc = /<<-?\s*'?"?(\w+)'?"?/.exec(line)?.[1] ?? null;
    current = { line: index + 1, lines: [line], heredoc };
    if (!heredoc && !line.endsWith('\\')) finish();
  });
  finish();
  return commands;
}

export function allDocumentedCommands(): DocumentedCommand[] {
  return documentedFiles().flatMap(commandsOf);
}
