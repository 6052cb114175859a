// package.json says what the code uses, and the installer carries only what the app runs:
// every package the code imports is declared, every declared package is used, a runtime
// dependency is one the Node side imports (the renderer's packages are bundled by Vite, so they
// are devDependencies), npm's own tree check passes, and every install script was reviewed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/cli';

const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  allowScripts: Record<string, boolean>;
};

/** Declared, but run as commands or by path rather than imported. */
const TOOLS: Record<string, string> = {
  typescript: 'tsc, in npm run typecheck',
  '@biomejs/biome': 'biome, in npm run lint',
  'electron-builder': 'electron-builder, in npm run dist',
  '@doyensec/electronegativity': 'run by path in test/shell/electronegativity.test.ts',
};

const SOURCE_DIRS = ['main', 'shared', 'renderer', 'test', 'snapshots', 'bin'];
const builtins = new Set(builtinModules);

function sourceFiles(): string[] {
  const files = fs.readdirSync(projectRoot).filter((f) => /\.(ts|mts|mjs)$/u.test(f));
  for (const dir of SOURCE_DIRS) {
    for (const f of fs.readdirSync(path.join(projectRoot, dir), { recursive: true, encoding: 'utf8' })) {
      if (/\.(ts|tsx|mts|cts|mjs|cjs)$/u.test(f) && !f.includes('node_modules')) files.push(path.join(dir, f));
    }
  }
  return files;
}

/** The packages a file imports (static, dynamic, require; types too), by package name. */
function packagesOf(file: string): string[] {
  const text = fs.readFileSync(path.join(projectRoot, file), 'utf8');
  const names = new Set<string>();
  for (const m of text.matchAll(
    /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/gu,
  )) {
    const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:') || builtins.has(spec.split('/')[0])) continue;
    names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
  }
  return [...names];
}

const importers = new Map<string, string[]>();
for (const file of sourceFiles()) {
  for (const name of packagesOf(file)) importers.set(name, [...(importers.get(name) ?? []), file]);
}

const declared = { ...pkg.dependencies, ...pkg.devDependencies };

function npm(args: string[]) {
  return spawnSync('npm', args, { cwd: projectRoot, encoding: 'utf8', timeout: 60_000 });
}

describe('dependencies', () => {
  it('declares every package the code imports', () => {
    const undeclared = [...importers.keys()].filter((name) => !(name in declared)).map((name) => `${name} (${importers.get(name)!.join(', ')})`);
    expect(undeclared).toEqual([]);
  });

  it('uses every package it declares', () => {
    const unused = Object.keys(declared).filter((name) => !name.startsWith('@types/') && !(name in TOOLS) && !importers.has(name));
    expect(unused).toEqual([]);
  });

  it('ships as runtime dependencies only what the Node side imports, so Vite-bundled packages stay out of the installer', () => {
    const nodeSide = (name: string) => (importers.get(name) ?? []).some((file) => file.startsWith(`main${path.sep}`) || file.startsWith(`shared${path.sep}`));
    expect(Object.keys(pkg.dependencies).filter((name) => !nodeSide(name))).toEqual([]);
    const rendererOnly = [...importers.keys()].filter((name) => importers.get(name)!.some((f) => f.startsWith(`renderer${path.sep}`)) && !nodeSide(name));
    expect(rendererOnly.filter((name) => name in pkg.dependencies)).toEqual([]);
    expect(rendererOnly).toEqual(expect.arrayContaining(['react', 'react-dom', '@nivo/bar', '@tanstack/react-virtual']));
  });

  it('passes npm ls over the whole tree', () => {
    const ls = npm(['ls', '--all']);
    expect(ls.stderr).toBe('');
    expect(ls.status).toBe(0);
  });

  it('has every install script reviewed in allowScripts', () => {
    const pending = npm(['install-scripts', 'ls']);
    expect(pending.status).toBe(0);
    expect(pending.stdout.trim()).toBe('No packages with unreviewed install scripts.');
    // Denied: Electron's downloads its binary, electron-winstaller and es5-ext run what nothing here needs.
    expect(
      Object.entries(pkg.allowScripts)
        .filter(([, allowed]) => !allowed)
        .map(([name]) => name),
    ).toEqual(expect.arrayContaining(['electron']));
  });
});
