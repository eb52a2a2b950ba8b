#!/usr/bin/env python3
"""The Kubernetes manifests and the container recipe of deploy/ hold
together, and their commands do what they say (tests/deploy/):

    check_manifests.py SOURCE_DIR [PORTOLAN WORK_DIR]

Structure: the shard Job is an Indexed Job whose SHARDS is its completions
and whose pods each write a results file of their own index; every mount
names a volume, every claim and config map exists, the merge Job reads the
results claim the shards write and merges what they write. With PORTOLAN
and WORK_DIR, the commands themselves are run here, as the pods would run
them (each shard with its JOB_COMPLETION_INDEX, then the merge), on the
example portfolio, and the plan must come out with every system planned."""
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys

import yaml

problems = []


def check(ok, what):
    if not ok:
        problems.append(what)
    return ok


def load(path):
    with open(path, encoding="utf-8") as f:
        return [d for d in yaml.safe_load_all(f) if d is not None]


def env_of(container):
    return {e["name"]: e.get("value") for e in container.get("env", [])}


def pod_checks(name, job, claims, config_maps):
    spec = job["spec"]["template"]["spec"]
    check(spec.get("restartPolicy") in ("Never", "OnFailure"),
          f"{name}: restartPolicy must be Never or OnFailure for a Job")
    volumes = {v["name"]: v for v in spec.get("volumes", [])}
    for v in volumes.values():
        if "persistentVolumeClaim" in v:
            check(v["persistentVolumeClaim"]["claimName"] in claims,
                  f"{name}: volume {v['name']} claims {v['persistentVolumeClaim']['claimName']}, "
                  "which volumes.yaml does not define")
        if "configMap" in v:
            check(v["configMap"]["name"] in config_maps,
                  f"{name}: volume {v['name']} names config map {v['configMap']['name']}, "
                  "which the kustomization does not generate")
    (container,) = spec["containers"]
    for m in container.get("volumeMounts", []):
        check(m["name"] in volumes, f"{name}: mount {m['name']} names no volume")
    requests = container.get("resources", {}).get("requests", {})
    check("cpu" in requests and "memory" in requests, f"{name}: no cpu and memory requests")
    check(container.get("command") == ["/bin/sh", "-c"] and len(container.get("args", [])) == 1,
          f"{name}: the command is one shell line")
    return spec, volumes, container


def main():
    src = sys.argv[1]
    k8s = os.path.join(src, "deploy", "k8s")
    (kust,) = load(os.path.join(k8s, "kustomization.yaml"))
    for r in kust["resources"]:
        check(os.path.exists(os.path.join(k8s, r)), f"kustomization: resource {r} missing")
    config_maps = set()
    for g in kust.get("configMapGenerator", []):
        config_maps.add(g["name"])
        for f in g.get("files", []):
            check(os.path.exists(os.path.join(k8s, f)), f"kustomization: file {f} missing")
    claims = {d["metadata"]["name"]: d for d in load(os.path.join(k8s, "volumes.yaml"))
              if d["kind"] == "PersistentVolumeClaim"}
    check("ReadWriteMany" in claims.get("portolan-results", {}).get("spec", {}).get("accessModes", []),
          "volumes: the results claim must be ReadWriteMany (every shard writes to it)")

    (scan,) = load(os.path.join(k8s, "scan-job.yaml"))
    (merge,) = load(os.path.join(k8s, "merge-job.yaml"))
    for name, job in (("scan-job", scan), ("merge-job", merge)):
        check(job.get("apiVersion") == "batch/v1" and job.get("kind") == "Job",
              f"{name}: not a batch/v1 Job")
    sspec = scan["spec"]
    check(sspec.get("completionMode") == "Indexed", "scan-job: completionMode is not Indexed")
    n = sspec.get("completions")
    check(isinstance(n, int) and n >= 1, "scan-job: completions is not a count")
    check(sspec.get("parallelism", 1) <= n, "scan-job: parallelism above completions")
    _, svols, scont = pod_checks("scan-job", scan, claims, config_maps)
    _, mvols, mcont = pod_checks("merge-job", merge, claims, config_maps)
    senv, menv = env_of(scont), env_of(mcont)
    check(senv.get("SHARDS") == str(n),
          f"scan-job: SHARDS is {senv.get('SHARDS')}, completions {n}: each pod must know N")
    sargs, margs = scont["args"][0], mcont["args"][0]
    check('--shard "$JOB_COMPLETION_INDEX/$SHARDS"' in sargs,
          "scan-job: the command does not take its shard from $JOB_COMPLETION_INDEX/$SHARDS")
    db = re.search(r'--db "([^"]+)"', sargs)
    check(db and "$JOB_COMPLETION_INDEX" in db.group(1),
          "scan-job: each pod must write a results file of its own index")
    jobs = re.search(r"-j (\d+)", sargs)
    check(jobs and int(jobs.group(1)) <= int(scont["resources"]["requests"]["cpu"]),
          "scan-job: -j above the pod's CPU request")
    check(scont["image"] == mcont["image"], "the two Jobs run different images")
    claim_of = lambda vols, mount: vols[mount["name"]].get("persistentVolumeClaim", {}).get("claimName")
    results_mounts = [(m, claim_of(svols, m)) for m in scont["volumeMounts"]
                      if claim_of(svols, m) == "portolan-results"]
    check(results_mounts and not results_mounts[0][0].get("readOnly", False),
          "scan-job: the results volume must be mounted writable")
    check(any(claim_of(mvols, m) == "portolan-results" for m in mcont["volumeMounts"]),
          "merge-job: does not mount the results the shards write")
    check(menv.get("RESULTS") == senv.get("RESULTS") and menv.get("INVENTORY") == senv.get("INVENTORY"),
          "merge-job: RESULTS and INVENTORY differ from the shards'")
    pattern = re.search(r'portolan merge "\$RESULTS"/(\S+)', margs)
    shard_file = db.group(1).replace("$RESULTS/", "") if db else ""
    check(pattern and all(fnmatch.fnmatch(shard_file.replace("$JOB_COMPLETION_INDEX", str(i)),
                                          pattern.group(1)) for i in range(n or 1)),
          "merge-job: its pattern does not match every shard's file")
    check("--from" in margs and "--out-dir" in margs, "merge-job: does not plan from the merge")

    with open(os.path.join(src, "deploy", "Containerfile"), encoding="utf-8") as f:
        recipe = f.read()
    check(re.search(r"^FROM debian:12", recipe, re.M), "Containerfile: not Debian 12")
    check("tools/setup-debian.sh" in recipe and os.path.exists(os.path.join(src, "tools", "setup-debian.sh")),
          "Containerfile: does not install the build's packages with tools/setup-debian.sh")
    with open(os.path.join(src, "CMakePresets.json"), encoding="utf-8") as f:
        presets = {p["name"] for p in json.load(f)["configurePresets"]}
    check("release" in presets and "--preset release" in recipe, "Containerfile: no release preset")
    with open(os.path.join(src, "cmake", "PortolanInstall.cmake"), encoding="utf-8") as f:
        package = re.search(r'CPACK_PACKAGE_NAME "([^"]+)"', f.read()).group(1)
    check(f"{package}_*.deb" in recipe, f"Containerfile: does not install the {package} package")

    if len(sys.argv) > 3 and not problems:
        run_commands(src, sys.argv[2], sys.argv[3], n, sargs, margs, senv, menv)
    for p in problems:
        print("FAIL:", p)
    if problems:
        return 1
    print("deploy/: manifests and Containerfile hold together" +
          (f"; {n} shard pods and the merge ran here" if len(sys.argv) > 3 else ""))
    return 0


def run_commands(src, portolan, work, n, sargs, margs, senv, menv):
    shutil.rmtree(work, ignore_errors=True)
    results = os.path.join(work, "results")
    os.makedirs(results)
    env = dict(os.environ, PATH=os.path.dirname(os.path.abspath(portolan)) + ":" + os.environ["PATH"])
    inventory = os.path.join(src, "examples", "portfolio", "inventory.toml")
    for i in range(n):
        e = dict(env, **senv)
        e.update(JOB_COMPLETION_INDEX=str(i), INVENTORY=inventory, RESULTS=results)
        r = subprocess.run(["/bin/sh", "-c", sargs], env=e, capture_output=True, text=True)
        if not check(r.returncode == 0, f"shard pod {i} failed: {r.stderr.strip()[-400:]}"):
            return
    e = dict(env, **menv)
    e.update(INVENTORY=inventory, RESULTS=results)
    r = subprocess.run(["/bin/sh", "-c", margs], env=e, capture_output=True, text=True)
    if not check(r.returncode == 0, f"merge pod failed: {r.stderr.strip()[-400:]}"):
        return
    with open(os.path.join(results, "plan", "plan.json"), encoding="utf-8") as f:
        plan = json.load(f)
    systems = plan["systems"]
    check(len(systems) == 5 and all(s["scan"]["status"] == "scanned" and s["scan"]["lines"] > 0
                                    for s in systems),
          f"merge pod: the plan has {len(systems)} systems, expected the portfolio's 5 scanned")
    check(os.path.getsize(os.path.join(results, "plan", "plan.html")) > 1000,
          "merge pod: no HTML plan")
    # The inventory shipped beside the manifests is one portolan reads.
    r = subprocess.run([portolan, "plan", os.path.join(src, "deploy", "k8s", "inventory.toml"),
                        "--from", os.path.join(results, "all.db"), "-o", os.devnull],
                       env=env, capture_output=True, text=True)
    check("inventory.toml:" not in r.stderr,
          f"deploy/k8s/inventory.toml does not read cleanly: {r.stderr.strip()[:300]}")


if __name__ == "__main__":
    sys.exit(main())
