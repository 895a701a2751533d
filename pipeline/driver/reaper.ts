// Processes briefpress starts die with it, however it dies. Chromium runs as the leader of its own process group,
// so killing briefpress (kill -9 included, which no handler sees) does not end it; Node offers no parent-death
// signal (PR_SET_PDEATHSIG). So each browser, and each probe of one, gets a reaper: a tiny shell process in a
// session of its own that waits for briefpress's process to end, then kills what it was given and removes the
// browser's profile. When briefpress ends those processes itself, it ends the reaper too.
import { spawn, type ChildProcess } from 'node:child_process';

/** How often the reaper looks for briefpress's process: the browser outlives a killed CLI by at most this. */
const POLL_SECONDS = 0.5;

/**
 * $1 briefpress's pid; $2 a process group to kill; $3 a text (the browser's profile folder, unique to one launch)
 * whose every process naming it in its command line is killed (read from /proc, so it works before the browser's
 * pid is known, and catches helpers that left its group), then removed.
 */
const SCRIPT = `while kill -0 "$1" 2>/dev/null; do sleep ${POLL_SECONDS}; done
[ -z "$2" ] || kill -KILL -"$2" 2>/dev/null
if [ -n "$3" ]; then
  for p in /proc/[0-9]*; do
    [ "\${p#/proc/}" = "$$" ] && continue
    grep -qsF -- "$3" "$p/cmdline" && kill -KILL "\${p#/proc/}" 2>/dev/null
  done
  sleep 0.2; rm -rf -- "$3"
fi`;

export interface Reaper {
  /** Ends the reaper (briefpress ended what it watches itself). */
  stop(): void;
}

/** When this process is gone: SIGKILLs the process group `group` and every process naming `marker`, removes `marker`. */
export function startReaper({ group, marker }: { group?: number; marker?: string }): Reaper {
  if (process.platform === 'win32') return { stop: () => undefined };
  const reaper: ChildProcess = spawn('/bin/sh', ['-c', SCRIPT, 'briefpress-reaper', String(process.pid), String(group ?? ''), marker ?? ''], {
    detached: true,
    stdio: 'ignore',
  });
  reaper.on('error', () => undefined);
  reaper.unref();
  return {
    stop: () => {
      try {
        if (reaper.pid !== undefined) process.kill(-reaper.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    },
  };
}

/**
 * Runs `command args` in a process group of its own, for at most `timeoutMs`, and kills the whole group when it
 * is done or out of time, so that nothing it started (a wrapper's background child) is left running.
 */
export function runGrouped(command: string, args: readonly string[], timeoutMs: number): Promise<{ stdout: string; ok: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
    const reaper = child.pid === undefined ? undefined : startReaper({ group: child.pid });
    let stdout = '';
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is gone.
      }
    };
    const timer = setTimeout(killGroup, timeoutMs);
    // The command has answered: what it left behind holds its output open, and goes with its group.
    child.on('exit', killGroup);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (stdout.length < 4096) stdout += chunk.toString();
    });
    child.on('error', () => {
      clearTimeout(timer);
      reaper?.stop();
      resolve({ stdout: '', ok: false });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      killGroup();
      reaper?.stop();
      resolve({ stdout, ok: code === 0 });
    });
  });
}
