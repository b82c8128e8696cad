#!/usr/bin/env python3
"""The crash test (issue 5, durability): nothing acknowledged is ever lost.

Run by scripts/crash-test, which hands over a private copy of the `whatmatters` executable and
a temporary folder. On a fresh SQLite database holding a small demo authority it starts
`whatmatters serve`, lets several writer threads create people and conversations through the
JSON API (and read people, each read audited), and kills the server with SIGKILL at a random
moment while they write; KILLS times over. Every write answered 201 is recorded by id, and
every read answered 200 is counted. At the end the database file is opened directly and must
hold every recorded id (people.id, conversations.id), each with its audit event, and at least
as many read entries per person as reads were answered; the audit chain must link row to row,
`PRAGMA integrity_check` must say ok, and `whatmatters audit verify` (when the executable has it) must pass.

Exit status: 0 when nothing was lost and the database is sound, 1 otherwise.
Standard library and `requests` only.
"""

import argparse
import datetime
import json
import os
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid

import requests

EMAIL = "sian.ap.dafydd@demo.whatmatters.cymru"


def say(msg):
    print(f"[crash] {msg}", flush=True)


def fail(msg):
    print(f"\n[crash] FAILED: {msg}", file=sys.stderr, flush=True)
    sys.exit(1)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


class Server:
    """One `whatmatters serve` process on a free port, its output appended to a log."""

    def __init__(self, wm, db, log_path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(log_path, "ab")
        self.proc = subprocess.Popen(
            [wm, "serve", "--hostname", "127.0.0.1", "--port", str(self.port), "--database-url", db],
            stdout=self.log, stderr=subprocess.STDOUT, cwd=os.path.dirname(db))

    def wait_healthy(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return f"the server exited with status {self.proc.returncode} while starting"
            try:
                if requests.get(self.base + "/healthz", timeout=1).status_code == 200:
                    return None
            except requests.RequestException:
                pass
            time.sleep(0.05)
        return f"no 200 from {self.base}/healthz within {timeout} s"

    def kill(self):
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self.log.close()


class Ledger:
    """Every acknowledged write, by id, and everything else that happened to the writers."""

    def __init__(self, seed_people):
        self.lock = threading.Lock()
        self.people = []            # ids answered 201 to POST /api/v1/people
        self.conversations = []     # ids answered 201 to POST /api/v1/people/{id}/conversations
        self.targets = list(seed_people)   # people a conversation may be recorded with
        self.reads = {}             # person id -> reads answered 200 to GET /api/v1/people/{id}
        self.refused = []           # (status, body) of answers other than 201: must not happen
        self.broken = 0             # requests cut off by the kill (no answer): outcome unknown

    def ack_person(self, pid):
        with self.lock:
            self.people.append(pid)
            self.targets.append(pid)

    def ack_conversation(self, cid):
        with self.lock:
            self.conversations.append(cid)

    def ack_read(self, pid):
        with self.lock:
            self.reads[pid] = self.reads.get(pid, 0) + 1

    def target(self, rng):
        with self.lock:
            return rng.choice(self.targets)


def writer(base, token, team, day, ledger, stop, rng, n):
    s = requests.Session()
    s.headers.update({"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    i = 0
    while not stop.is_set():
        i += 1
        try:
            if rng.random() < 0.3:
                # A read: answered only once its audit entry is committed (group commit).
                pid = ledger.target(rng)
                r = s.get(f"{base}/api/v1/people/{pid}", timeout=(2, 15))
                if r.status_code == 200:
                    ledger.ack_read(pid)
                    continue
            elif rng.random() < 0.4:
                body = {"name": f"Crash Prawf {n}-{i} Ŵyn", "service": "adults", "teamID": team,
                        "preferredLanguage": rng.choice(["cy", "en"]),
                        "communicationNeeds": "Mae'n well ganddi siarad Cymraeg. " * rng.randint(1, 20)}
                r = s.post(base + "/api/v1/people", data=json.dumps(body).encode(), timeout=(2, 15))
                if r.status_code == 201:
                    ledger.ack_person(r.json()["id"])
                    continue
            else:
                pid = ledger.target(rng)
                body = {"date": day, "kind": "what-matters", "language": "cy", "participants": ["person"],
                        "whatMatters": f"Cael mynd i'r capel ar y Sul ({n}-{i})",
                        "narrative": "Cwrddais â hi gartref. " * rng.randint(1, 200),
                        "whatHappenedNext": "own-solution"}
                r = s.post(f"{base}/api/v1/people/{pid}/conversations", data=json.dumps(body).encode(), timeout=(2, 15))
                if r.status_code == 201:
                    ledger.ack_conversation(r.json()["id"])
                    continue
            with ledger.lock:
                ledger.refused.append((r.status_code, r.text[:300]))
            return
        except (requests.RequestException, ValueError):
            # The server died under this request (or before it): no answer, no promise made.
            with ledger.lock:
                ledger.broken += 1
            return


def uuid_column(con, table):
    """How Fluent stored this table's UUIDs: ('blob', 16) or ('text', 36), checked, not assumed."""
    kinds = con.execute(f'SELECT DISTINCT typeof(id), length(id) FROM "{table}"').fetchall()
    if len(kinds) != 1:
        fail(f"{table}.id is stored in more than one way: {kinds}")
    return kinds[0]


def present_ids(con, table):
    kind, _ = uuid_column(con, table)
    ids = set()
    for (raw,) in con.execute(f'SELECT id FROM "{table}"'):
        ids.add(uuid.UUID(bytes=bytes(raw)) if kind == "blob" else uuid.UUID(raw))
    return ids, kind


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True, help="the whatmatters executable")
    ap.add_argument("--work", required=True, help="a temporary folder for the database and logs")
    ap.add_argument("--kills", type=int, default=int(os.environ.get("WM_CRASH_KILLS", "30")))
    ap.add_argument("--writers", type=int, default=int(os.environ.get("WM_CRASH_WRITERS", "4")))
    ap.add_argument("--seed", type=int, default=int(os.environ.get("WM_CRASH_SEED", str(random.SystemRandom().randrange(1 << 30)))))
    args = ap.parse_args()
    wm, work = args.bin, args.work
    rng = random.Random(args.seed)
    started = time.monotonic()
    db = os.path.join(work, "crash.sqlite")
    log = os.path.join(work, "server.log")
    say(f"seed {args.seed} (WM_CRASH_SEED={args.seed} repeats the kill timings), {args.kills} kills, {args.writers} writers")

    r = run([wm, "demo", "--people", "50", "--database-url", db])
    if r.returncode != 0:
        fail(f"whatmatters demo failed:\n{r.stdout}\n{r.stderr}")
    r = run([wm, "token", "create", "--email", EMAIL, "--database-url", db])
    token = r.stdout.strip().splitlines()[-1].strip() if r.returncode == 0 and r.stdout.strip() else ""
    if not token:
        fail(f"whatmatters token create failed:\n{r.stdout}\n{r.stderr}")

    # A team and some people of the demo practitioner's, through the API, from a first server.
    srv = Server(wm, db, log)
    problem = srv.wait_healthy(60)
    if problem:
        srv.kill()
        fail(problem + "\n" + open(log, errors="replace").read()[-3000:])
    auth = {"Authorization": f"Bearer {token}"}
    teams = requests.get(srv.base + "/api/v1/teams", headers=auth, timeout=10).json()
    if not teams:
        srv.kill()
        fail(f"{EMAIL} has no team")
    team = teams[0]["id"]
    seed_people = [p["id"] for p in requests.get(srv.base + "/api/v1/people?per=50", headers=auth, timeout=10).json()["items"]]
    srv.kill()
    if not seed_people:
        fail("the demo practitioner sees no people")
    say(f"team {teams[0]['name']} ({team}), {len(seed_people)} people to start with")

    # Yesterday in UTC: never in the future for the server, whatever its time zone.
    day = (datetime.datetime.now(datetime.timezone.utc).date() - datetime.timedelta(days=1)).isoformat()
    ledger = Ledger(seed_people)
    for k in range(1, args.kills + 1):
        srv = Server(wm, db, log)
        problem = srv.wait_healthy(30)
        if problem:
            srv.kill()
            fail(f"after kill {k - 1}: {problem}\n" + open(log, errors="replace").read()[-3000:])
        before = len(ledger.people) + len(ledger.conversations)
        stop = threading.Event()
        threads = [threading.Thread(target=writer, args=(srv.base, token, team, day, ledger, stop,
                                                         random.Random(rng.random()), f"{k}.{w}"), daemon=True)
                   for w in range(args.writers)]
        for t in threads:
            t.start()
        time.sleep(rng.uniform(0.15, 1.2))
        exited = srv.proc.poll()
        srv.kill()  # SIGKILL, mid-write
        stop.set()
        for t in threads:
            t.join(30)
        if exited is not None:
            fail(f"the server stopped by itself (status {exited}) before kill {k}")
        if ledger.refused:
            fail(f"a write was refused, not acknowledged: {ledger.refused[:3]}")
        acked = len(ledger.people) + len(ledger.conversations) - before
        print(f"[crash] kill {k:2d}/{args.kills}: {acked:3d} writes acknowledged before SIGKILL", flush=True)

    # The server must come back once more on what the last kill left.
    srv = Server(wm, db, log)
    problem = srv.wait_healthy(30)
    srv.kill()
    if problem:
        fail(f"after the last kill: {problem}")

    # ------------------------------------------------------------------ the proof
    con = sqlite3.connect(db)
    people, kind_p = present_ids(con, "people")
    conversations, kind_c = present_ids(con, "conversations")
    say(f"ids stored as: people {kind_p}, conversations {kind_c}")
    lost_people = [i for i in ledger.people if uuid.UUID(i) not in people]
    lost_conversations = [i for i in ledger.conversations if uuid.UUID(i) not in conversations]

    # Each write commits with its audit event; the chain links each event to the one before.
    audited_people, audited_conversations = set(), set()
    for action, person, detail in con.execute(
            "SELECT action, person_id, detail FROM audit_events WHERE action IN ('person.create', 'conversation.create')"):
        try:
            if action == "person.create" and person is not None:
                audited_people.add(uuid.UUID(bytes=bytes(person)) if isinstance(person, bytes) else uuid.UUID(person))
            elif action == "conversation.create":
                audited_conversations.add(uuid.UUID(detail))
        except ValueError:
            pass
    unaudited = [i for i in ledger.people if uuid.UUID(i) in people and uuid.UUID(i) not in audited_people]
    unaudited += [i for i in ledger.conversations if uuid.UUID(i) in conversations and uuid.UUID(i) not in audited_conversations]
    # Each acknowledged read has its audit entry: at least as many per person as were answered.
    read_entries = {}
    for person, n in con.execute("SELECT person_id, COUNT(*) FROM audit_events WHERE action = 'person.read' AND detail = 'api' GROUP BY person_id"):
        key = uuid.UUID(bytes=bytes(person)) if isinstance(person, bytes) else uuid.UUID(person)
        read_entries[key] = n
    unaudited_reads = sum(max(0, n - read_entries.get(uuid.UUID(pid), 0)) for pid, n in ledger.reads.items())
    chain_breaks = []
    previous = None
    for seq, prev_hash, hsh in con.execute("SELECT seq, previous_hash, hash FROM audit_events ORDER BY seq"):
        if previous is not None and (seq != previous[0] + 1 or prev_hash != previous[1]):
            chain_breaks.append(seq)
        previous = (seq, hsh)
    integrity = [row[0] for row in con.execute("PRAGMA integrity_check")]
    foreign = con.execute("PRAGMA foreign_key_check").fetchall()
    con.close()

    # Listed among the subcommands? (`whatmatters nosuch --help` exits 0 too, so ask the list.)
    subcommands = run([wm, "--help"]).stdout.split("SUBCOMMANDS:")[-1]
    if re.search(r"^\s+audit\s", subcommands, re.MULTILINE):
        r = run([wm, "audit", "verify", "--database-url", db])
        audit_verify = "ok" if r.returncode == 0 else f"FAILED (status {r.returncode}): {(r.stdout + r.stderr).strip()[-500:]}"
    else:
        audit_verify = None

    acknowledged = len(ledger.people) + len(ledger.conversations)
    lost = len(lost_people) + len(lost_conversations)
    print()
    print(f"kills:                 {args.kills}")
    print(f"acknowledged writes:   {acknowledged} ({len(ledger.people)} people, {len(ledger.conversations)} conversations)")
    print(f"cut off by a kill:     {ledger.broken} (no answer, so no promise; not counted)")
    print(f"lost writes:           {lost}")
    print(f"without audit event:   {len(unaudited)}")
    print(f"acknowledged reads:    {sum(ledger.reads.values())}, without audit entry: {unaudited_reads}")
    print(f"audit chain links:     {'ok' if not chain_breaks else 'BROKEN at seq ' + ', '.join(map(str, chain_breaks[:10]))}")
    print(f"integrity_check:       {'; '.join(integrity)}")
    print(f"foreign_key_check:     {'ok' if not foreign else str(len(foreign)) + ' violations'}")
    print(f"audit verify:          {audit_verify if audit_verify else 'skipped: this whatmatters has no audit subcommand yet'}")
    print(f"time:                  {time.monotonic() - started:.0f} s")
    bad = []
    if lost:
        bad.append(f"{lost} acknowledged writes lost: {(lost_people + lost_conversations)[:10]}")
    if unaudited:
        bad.append(f"{len(unaudited)} writes without their audit event: {unaudited[:10]}")
    if unaudited_reads:
        bad.append(f"{unaudited_reads} acknowledged reads without their audit entry")
    if chain_breaks:
        bad.append("the audit chain is broken")
    if integrity != ["ok"]:
        bad.append("PRAGMA integrity_check is not ok")
    if foreign:
        bad.append(f"foreign keys broken: {foreign[:5]}")
    if audit_verify and audit_verify != "ok":
        bad.append("whatmatters audit verify failed")
    if acknowledged == 0:
        bad.append("no write was acknowledged: the test proved nothing")
    if bad:
        fail("; ".join(bad))
    say("passed: every acknowledged write survived SIGKILL and the database is sound")


if __name__ == "__main__":
    main()
