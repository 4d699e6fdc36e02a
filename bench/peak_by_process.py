"""Peak memory per process of one `formex extract` run: PSS from /proc/PID/smaps_rollup,
sampled every 0.1 s for the run and all its descendants (the bench prints only the sum).

    python bench/peak_by_process.py CODE INPUTS OUT [extract options...]
    python bench/peak_by_process.py . /tmp/in2k /tmp/out --engine dask --workers 2

CODE is put on PYTHONPATH for the run (a worktree, or a copy of another commit), so two
versions can be measured on the same inputs; generate inputs with bench/forms.py.
PSS splits a shared page among every process that maps it, other runs' Pythons of the
same environment included, so a process's figure moves with what else is running:
compare versions measured back to back, not two at once."""
import json, os, subprocess, sys, threading, time
code, inputs, out, *extra = sys.argv[1:]
code = os.path.abspath(code)
env = dict(os.environ, PYTHONPATH=code)
cmd = [sys.executable, "-m", "formex", "extract", inputs, "--out", out, "--quiet", "--json", *extra]
p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
peaks, tree_peak, names = {}, [0], {}
def children(pid):
    out = []
    try:
        for t in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{t}/children") as f:
                out += [int(x) for x in f.read().split()]
    except OSError: pass
    return out
def pss(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"): return int(line.split()[1])
    except OSError: return 0
    return 0
def sample():
    while p.poll() is None:
        todo, tot = [p.pid], 0
        while todo:
            pid = todo.pop(); todo += children(pid)
            v = pss(pid); tot += v
            if pid not in names:
                try: names[pid] = open(f"/proc/{pid}/cmdline").read().replace("\0", " ")[:90]
                except OSError: names[pid] = "?"
            peaks[pid] = max(peaks.get(pid, 0), v)
        tree_peak[0] = max(tree_peak[0], tot)
        time.sleep(0.1)
t = threading.Thread(target=sample, daemon=True); t.start()
so, se = p.communicate(); t.join()
r = json.loads(so)
print(f"rc {p.returncode} seconds {r['seconds']:.1f} cpu {r['cpu_seconds']} tree peak PSS {tree_peak[0]/1024:.0f} MiB")
n = sum(r['outcomes'].values()) if isinstance(r.get('outcomes'), dict) else 0
print("cpu ms/doc workers", 1000*r['cpu_seconds']['workers']/max(n,1), "run", 1000*r['cpu_seconds']['run']/max(n,1), "n", n)
for pid, v in sorted(peaks.items(), key=lambda kv: -kv[1]):
    if v > 10*1024: print(f"  {pid} peak {v/1024:.0f} MiB  {names[pid]}")
