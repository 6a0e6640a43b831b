"""A long-lived child process that takes module paths on stdin and answers
with a fixed number of JSON lines per module (the Wasmtime oracle, one line;
`wasmex fuzz-exec --stdin`, one line per mode).

Keeping the children alive across a whole run saves their start-up (Python
importing wasmtime, the Swift binary loading LLVM) on every module. A child
that dies or does not answer in time is restarted and the module it was
working on is reported as crashed or timed out; the run goes on."""
import json
import os
import select
import signal
import subprocess
import tempfile
import time


class ChildFailure(Exception):
    """The child died ("crash") or did not answer in time ("timeout")."""

    def __init__(self, kind: str, detail: str, partial: list):
        super().__init__("%s: %s" % (kind, detail))
        self.kind = kind
        self.detail = detail
        # The records the child finished before failing (e.g. earlier modes).
        self.partial = partial


class LineChild:
    def __init__(self, command: list, lines_per_module: int, timeout: float, env=None):
        self.command = command
        self.lines_per_module = lines_per_module
        self.timeout = timeout
        self.env = env
        self.process = None
        self.stderr = None
        self.buffer = b""
        self.restarts = 0

    def _start(self):
        self.stderr = tempfile.TemporaryFile()
        self.process = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=self.stderr, env=self.env, start_new_session=True)
        self.buffer = b""

    def close(self):
        if self.process is None:
            return
        try:
            self.process.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._kill()
        self.process = None

    def _kill(self):
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()

    def _stderr_tail(self) -> str:
        self.stderr.seek(0)
        text = self.stderr.read().decode(errors="replace").strip().splitlines()
        return " | ".join(text[-5:])

    def _fail(self, kind: str, detail: str, partial=()):
        if kind == "timeout":
            self._kill()
        else:
            self.process.wait()
            status = self.process.returncode
            name = signal.Signals(-status).name if status < 0 else "exit %d" % status
            detail = "%s (%s) %s" % (detail, name, self._stderr_tail())
        self.process = None
        self.restarts += 1
        raise ChildFailure(kind, detail, list(partial))

    def run(self, path: str) -> list:
        """The child's records for `path`, or ChildFailure."""
        if self.process is None:
            self._start()
        try:
            self.process.stdin.write((path + "\n").encode())
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            self._fail("crash", "died before reading %s" % path)
        records = []
        # The time limit is per answer line (per mode for `wasmex fuzz-exec`): a module
        # that allocates gigabytes (an `array.new` of 2^29 elements in a global) takes
        # 5-15 s in every mode, and eight modes under one limit timed out although none
        # of them hung (seeds 111727 and 114363).
        deadline = time.monotonic() + self.timeout
        stdout = self.process.stdout.fileno()
        while len(records) < self.lines_per_module:
            newline = self.buffer.find(b"\n")
            if newline >= 0:
                line, self.buffer = self.buffer[:newline], self.buffer[newline + 1:]
                records.append(json.loads(line))
                deadline = time.monotonic() + self.timeout
                continue
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self._fail("timeout", "no answer within %gs" % self.timeout, records)
            ready, _, _ = select.select([stdout], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(stdout, 1 << 16)
            if not chunk:
                self._fail("crash", "died running %s" % path, records)
            self.buffer += chunk
        return records
