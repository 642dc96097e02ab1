/* Jest globalSetup: the browser tests drive the built web app (dist/web), so build it once before the test files
 * run when it is missing or older than its sources (`npm test` on a fresh clone, or after editing apps/web). */
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

module.exports = async function buildWebOnce() {
  const root = join(__dirname, '../..');
  const index = join(process.env.WEB_OUT_DIR ?? join(root, 'dist/web'), 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newest(join(root, 'apps/web'))) return;
  const built = spawnSync('npm', ['run', 'build:web', '--silent'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (built.status !== 0) throw new Error('npm run build:web failed');
};
