// Starts the real intervisie-server for a browser test and finds the admin link it prints.
import { spawn } from 'node:child_process';

const ADMIN_RE = /http:\/\/[^\s]+\/#\/admin\/[A-Za-z0-9_-]+/;

export async function startServer({ binary, dataDir, staticDir, port = 0, timeoutMs = 20_000 }) {
  const args = ['--port', String(port), '--host', '127.0.0.1', '--data-dir', dataDir, '--static-dir', staticDir];
  const proc = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr.on('data', (d) => {
    err += d;
    if (process.env.INTERVISIE_TEST_VERBOSE) process.stderr.write(d);
  });
  const adminUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server printed no admin link in ${timeoutMs} ms\nstdout: ${out}\nstderr: ${err}`)), timeoutMs);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(ADMIN_RE);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    proc.on('exit', (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? sig}) before printing the admin link\nstdout: ${out}\nstderr: ${err}`));
    });
    proc.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  const origin = new URL(adminUrl).origin;
  return {
    proc,
    adminUrl,
    origin,
    port: Number(new URL(adminUrl).port),
    stderr: () => err,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    },
  };
}
