// Layers you can see (STYLE.md): shared/ imports no Electron, no Node built-ins and no React;
// renderer/ never imports main/; inside main/, no file imports one of a higher layer. Checked on
// the source text, every file. biome.jsonc says the same as lint rules (for the editor and
// `npm run lint`); the last test checks that the two agree.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/cli';

function sourceFiles(dir: string): string[] {
  const root = path.join(projectRoot, dir);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|mts|cts)$/.test(f) && !f.includes('node_modules'))
    .map((f) => path.join(root, f));
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  for (const m of text.matchAll(
    /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
  )) {
    specifiers.push(m[1] ?? m[2] ?? m[3]);
  }
  return specifiers;
}

/**
 * main/'s folders from the top down. A file may import from its own folder and from folders of
 * lower layers only: the shells (Electron, browser mode, the CLI) over the core and its workers,
 * over the views of the analysis, over pulls, over ingest, over the workspace's stores, over the
 * leaves (the Avro reader and writer, the API's validation).
 */
const MAIN_LAYERS: string[][] = [['electron'], ['server'], ['cli'], ['core'], ['views'], ['pull'], ['ingest'], ['workspace'], ['avro', 'avro-writer', 'api']];

function mainLayerOf(file: string): { folder: string; rank: number } {
  const folder = path.relative(path.join(projectRoot, 'main'), file).split(path.sep)[0];
  const rank = MAIN_LAYERS.findIndex((layer) => layer.includes(folder));
  return { folder, rank: rank < 0 ? -1 : MAIN_LAYERS.length - rank };
}

const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

describe('layers', () => {
  it('keeps shared/ free of Electron, Node built-ins and React', () => {
    const offences: string[] = [];
    for (const file of sourceFiles('shared')) {
      for (const spec of importsOf(file)) {
        if (spec.startsWith('node:') || nodeBuiltins.has(spec) || spec === 'electron' || spec.startsWith('react') || spec.startsWith('@nivo')) {
          offences.push(`${path.relative(projectRoot, file)} imports ${spec}`);
        }
        if (spec.startsWith('.') && !path.resolve(path.dirname(file), spec).startsWith(path.join(projectRoot, 'shared'))) {
          offences.push(`${path.relative(projectRoot, file)} reaches outside shared/: ${spec}`);
        }
      }
    }
    expect(offences).toEqual([]);
    expect(sourceFiles('shared').length).toBeGreaterThan(5);
  });

  it('never lets renderer/ import main/ or Node built-ins', () => {
    const offences: string[] = [];
    for (const file of sourceFiles('renderer')) {
      for (const spec of importsOf(file)) {
        const resolved = spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : '';
        if (resolved.startsWith(path.join(projectRoot, 'main'))) offences.push(`${path.relative(projectRoot, file)} imports ${spec}`);
        if (spec.startsWith('node:') || nodeBuiltins.has(spec) || spec === 'electron') offences.push(`${path.relative(projectRoot, file)} imports ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('keeps the arrows inside main/ pointing down, layer by layer', () => {
    const offences: string[] = [];
    for (const file of sourceFiles('main')) {
      const from = mainLayerOf(file);
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = path.resolve(path.dirname(file), spec);
        if (!target.startsWith(path.join(projectRoot, 'main') + path.sep)) {
          if (!target.startsWith(path.join(projectRoot, 'shared') + path.sep) && !target.endsWith('package.json'))
            offences.push(`${path.relative(projectRoot, file)} reaches outside main/ and shared/: ${spec}`);
          continue;
        }
        const to = mainLayerOf(target);
        if (to.folder !== from.folder && to.rank >= from.rank) {
          offences.push(
            `${path.relative(projectRoot, file)} (${from.folder}) imports ${spec} (${to.folder}, ${to.rank === from.rank ? 'the same layer' : 'a higher layer'})`,
          );
        }
      }
    }
    expect(offences).toEqual([]);
    // Every folder of main/ has its place in the order.
    const folders = fs
      .readdirSync(path.join(projectRoot, 'main'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(folders.filter((f) => !MAIN_LAYERS.flat().includes(f))).toEqual([]);
  });

  it('finds imports of every form it checks for', () => {
    const sample = path.join(projectRoot, 'test/layers/__sample__.ts');
    fs.writeFileSync(sample, "import fs from 'node:fs';\nexport { x } from '../main/x';\nconst y = await import('electron');\n");
    try {
      expect(importsOf(sample)).toEqual(['node:fs', '../main/x', 'electron']);
    } finally {
      fs.rmSync(sample);
    }
  });

  it("is also the linter's rule: biome flags exactly the imports these checks forbid", () => {
    // Sample files in a copy of the layout, each importing every folder it could name.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-layers-'));
    fs.copyFileSync(path.join(projectRoot, 'biome.jsonc'), path.join(root, 'biome.jsonc'));
    const written = new Map<string, string>();
    const forbidden: string[] = [];
    const write = (file: string, specifiers: string[]): string[] => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      const names = specifiers.map((_, i) => `m${i}`);
      fs.writeFileSync(
        path.join(root, file),
        `${specifiers.map((spec, i) => `import * as ${names[i]} from '${spec}';`).join('\n')}\nexport { ${names.join(', ')} };\n`,
      );
      const lines = specifiers.map((spec, i) => `${file}:${i + 1} ${spec}`);
      for (const line of lines) written.set(line.split(' ')[0], line);
      return lines;
    };
    const folders = MAIN_LAYERS.flat();
    const rank = (folder: string) => mainLayerOf(path.join(projectRoot, 'main', folder, 'x.ts')).rank;
    for (const from of folders) {
      for (const up of ['../', '../../']) {
        const others = folders.filter((to) => to !== from);
        const lines = write(`main/${from}/${up === '../' ? '' : 'sub/'}sample.ts`, [
          ...others.map((to) => `${up}${to}/x`),
          `${up}../shared/api`,
          'node:fs',
          'electron',
        ]);
        others.forEach((to, i) => {
          if (rank(to) >= rank(from)) forbidden.push(lines[i]);
        });
      }
    }
    forbidden.push(
      ...write('shared/sample.ts', [
        './api',
        './report/findings',
        'node:fs',
        'path',
        'electron',
        'react',
        'react-dom/client',
        '@nivo/bar',
        '../main/cli/smw',
        '../renderer/api',
      ]).slice(2),
    );
    forbidden.push(...write('shared/report/sample.ts', ['./csv', '../api', 'node:fs', 'react', '../../main/cli/smw', '../../renderer/api']).slice(2));
    forbidden.push(...write('renderer/app/sample.tsx', ['../api', '../../shared/api', 'react', '../../main/cli/smw', 'node:fs', 'electron']).slice(3));

    const run = spawnSync(
      path.join(projectRoot, 'node_modules/.bin/biome'),
      ['lint', '--vcs-enabled=false', '--reporter=json', '--max-diagnostics=none', '.'],
      { cwd: root, encoding: 'utf8' },
    );
    fs.rmSync(root, { recursive: true, force: true });
    const report = JSON.parse(run.stdout) as { diagnostics: Array<{ category: string; location: { path: string; start: { line: number } } }> };
    const flagged = report.diagnostics
      .filter((d) => d.category === 'lint/style/noRestrictedImports' || d.category === 'lint/correctness/noNodejsModules')
      .map((d) => `${d.location.path}:${d.location.start.line}`);
    expect([...new Set(flagged)].map((at) => written.get(at) ?? at).sort()).toEqual(forbidden.sort());
    expect(forbidden.length).toBeGreaterThan(100);
  });
});
