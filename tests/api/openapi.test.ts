import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateOpenApi } from '../../backend/src/cli/openapi';
import {
  FRONTEND_LIST,
  PROBLEMS_DOC,
  frontendProblemCodes,
  problemsMarkdown,
} from '../../backend/src/cli/problem-docs';

const root = join(__dirname, '..', '..');

describe('the OpenAPI document', () => {
  let generated: string;
  beforeAll(async () => {
    generated = await generateOpenApi();
  });

  it('committed in docs/openapi.json matches the code (run `npm run openapi` after changing the API)', () => {
    expect(readFileSync(join(root, 'docs', 'openapi.json'), 'utf8')).toBe(generated);
  });

  it('and the dashboard types generated from it are current', () => {
    // openapi-typescript is an ES module; its own command line runs it as the npm script does.
    const dir = mkdtempSync(join(tmpdir(), 'api-types-'));
    writeFileSync(join(dir, 'openapi.json'), generated);
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'),
        join(dir, 'openapi.json'),
        '-o',
        join(dir, 'api-types.ts'),
      ],
      { stdio: 'pipe' },
    );
    const types = readFileSync(join(dir, 'api-types.ts'), 'utf8');
    rmSync(dir, { recursive: true, force: true });
    expect(readFileSync(join(root, 'frontend', 'src', 'app', 'core', 'api', 'api-types.ts'), 'utf8')).toBe(types);
  });

  it("writes docs/problems.md and the dashboard's list of codes from the one list of problem codes", () => {
    const doc = readFileSync(join(root, ...PROBLEMS_DOC), 'utf8');
    expect(doc).toBe(problemsMarkdown(doc));
    expect(readFileSync(join(root, ...FRONTEND_LIST), 'utf8')).toBe(frontendProblemCodes());
  });

  it('documents every route with a response type and problem answers', () => {
    const doc = JSON.parse(generated);
    for (const [path, operations] of Object.entries<Record<string, { responses: Record<string, unknown> }>>(
      doc.paths,
    )) {
      for (const [method, operation] of Object.entries(operations)) {
        // The sign-in routes that send the browser on (OIDC login and callback) answer with a redirect.
        const success = Object.keys(operation.responses).filter((s) => s.startsWith('2') || s === '302');
        expect({ route: `${method.toUpperCase()} ${path}`, success: success.length > 0 }).toEqual({
          route: `${method.toUpperCase()} ${path}`,
          success: true,
        });
      }
    }
  });
});
