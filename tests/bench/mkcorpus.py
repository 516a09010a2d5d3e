#!/usr/bin/env python3
"""mkcorpus.py - write a benchmark corpus: messages, their DKIM keys, their DNS zone.

    mkcorpus.py --out DIR --signer PATH/TO/dkimsign [--messages N]
                [--domains N] [--seed S] [--faults] [--small]

The format is tests/bench/README.md's: DIR/zone (tests/lib/dns-server.sh
data), DIR/keys/, DIR/index, DIR/msg/NNNNNN (CRLF line ends). Everything
but the keys and the signatures is a function of the seed, so two corpora
of one seed differ only where the cryptography does.

Why it is shaped as it is:
- Every author domain has its own SPF, DMARC and DKIM key records, and
  with --domains equal to --messages (the default) message i is the only
  one of the first pass to use domain i: a cold run meets a cold DNS cache
  on every message, as a busy MX meets mostly new senders.
- Each domain's SPF record includes _spf.esp.example, so SPF costs two
  lookups where it passes by the first mechanism's address, as real mail
  does; the DMARC tree walk (RFC 9989) asks _dmarc.<policy>.example and
  _dmarc.example, which exist as empty zones (NXDOMAIN, not REFUSED).
- The case mix is fixed by quotas, not by coin flips, so a corpus of 60
  messages still holds every case (the test and the summaries need that).
- Messages are signed by the project's own test signer, one run per
  signature, and stored with CRLF as an MTA would hand them over.

Python 3 standard library only (Debian 12's python3).
"""

import argparse
import base64
import concurrent.futures
import datetime
import email.utils
import os
import random
import re
import subprocess
import sys

TTL = 3600
RCPT_DOMAIN = "example.org"
LOCAL_PARTS = ("alice", "bob", "carol", "dave", "erin", "frank", "grace",
               "heidi", "ivan", "judy", "mallory", "niaj", "olivia", "peggy",
               "rupert", "sybil", "trent", "victor", "walter", "news",
               "billing", "support", "noreply", "info", "ceo", "hr")
FIRST = ("Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi",
         "Ivan", "Judy", "Olivia", "Peggy", "Rupert", "Sybil", "Victor")
LAST = ("Smith", "Jones", "Garcia", "Miller", "Davis", "Martin", "Lopez",
        "Wilson", "Moore", "Taylor", "Thomas", "White", "Harris", "Clark")
WORDS = (
    "the of and to in is that it for was on are as with be at by this have "
    "from or had not but what all were when we there can an your which "
    "their said if will each about how up out them then she many some so "
    "these would other into has more her two like him see time could no make "
    "than first been its who now people my made over did down only way find "
    "use may water long little very after words called just where most know "
    "get through back much before go good new write our used me man too any "
    "day same right look think also around another came come work three word "
    "must because does part even place well such here take why things help "
    "put years different away again off went old number great tell men say "
    "small every found still between name should home big give air line set "
    "own under read last never us left end along while might next sound "
    "below saw something thought both few those always looked show large "
    "often together asked house world going want school important until form "
    "food keep children feet land side without boy once animals life enough "
    "took sometimes four head above kind began almost live page got earth "
    "need far hand high year mother light parts country father let night "
    "following picture being study second eyes soon times story boys since "
    "white days ever paper hard near sentence better best across during today "
    "meeting invoice report quarterly budget project schedule review draft "
    "attached please regards thanks update agenda minutes contract proposal "
    "shipment order delivery account balance statement payment reminder "
    "newsletter release security patch server backup migration deadline"
).split()
SUBJECTS = ("Re: {w1} {w2}", "Fwd: {w1} {w2} {w3}", "{W1} {w2} for {w3}",
            "Your {w1} {w2} is ready", "[{w1}] {W2} {w3} update",
            "Minutes of the {w1} meeting", "Invoice {n} for {w1} {w2}",
            "{W1} {w2}: action needed", "Weekly {w1} digest #{n}")
LIST_FOOTER = ("\n_______________________________________________\n"
               "fwd-list mailing list\nfwd-list@fwd.example\n"
               "https://lists.fwd.example/mailman/listinfo/fwd-list\n")

# Case quotas, as fractions of --messages. A spoof's policy is its
# domain's; a forwarded message with an altered body fails DKIM and is
# judged by its domain's policy. The fault cases come out of legit-spf.
MIX = (("legit-spf", 0.30), ("legit-dkim", 0.25), ("esp", 0.10),
       ("forwarded", 0.08), ("forwarded-altered", 0.02),
       ("spoof-reject", 0.125), ("spoof-quarantine", 0.0625),
       ("spoof-none", 0.0625))
FAULT_MIX = (("dnsfault-servfail", 0.01), ("dnsfault-timeout", 0.01),
             ("dnsfault-truncated", 0.02))
POLICY_MIX = (("reject", 0.50), ("quarantine", 0.25), ("none", 0.25))
DISPOSITION = {"reject": "reject", "quarantine": "quarantine", "none": "accept"}
# Expected answers under authmilter's defaults (authmilter.conf(5)):
# RejectFailures yes, QuarantineAction hold, TempfailOnDNSError yes.
EXPECT = {"legit-spf": "accept", "legit-dkim": "accept", "esp": "accept",
          "forwarded": "accept", "spoof-reject": "reject",
          "spoof-quarantine": "quarantine", "spoof-none": "accept",
          "dnsfault-servfail": "tempfail", "dnsfault-timeout": "tempfail",
          "dnsfault-truncated": "accept"}


class Fail(Exception):
    """A message for the user; main() prints it and exits 1."""


def quotas(mix, n):
    """The counts of MIX's names in N draws: largest remainder, and at
    least one of each when N can hold them all."""
    raw = [(name, frac * n) for name, frac in mix]
    counts = {name: int(x) for name, x in raw}
    if n >= len(mix):
        for name in counts:
            counts[name] = max(counts[name], 1)
    left = n - sum(counts.values())
    by_rest = sorted(raw, key=lambda nx: nx[1] - int(nx[1]), reverse=True)
    i = 0
    while left > 0:
        counts[by_rest[i % len(by_rest)][0]] += 1
        left -= 1
        i += 1
    while left < 0:           # the minimum of one overdrew: take from the largest
        big = max(counts, key=counts.get)
        counts[big] -= 1
        left += 1
    return counts


def shuffled_cases(counts, rng):
    cases = [name for name in sorted(counts) for _ in range(counts[name])]
    rng.shuffle(cases)
    return cases


def run(argv, data=None):
    """Run a program, return its stdout; its failure is a Fail."""
    try:
        p = subprocess.run(argv, input=data, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, check=False)
    except OSError as e:
        raise Fail("%s: %s" % (argv[0], e)) from e
    if p.returncode != 0:
        raise Fail("%s failed (exit %d): %s" % (" ".join(argv), p.returncode,
                   p.stderr.decode(errors="replace").strip()))
    return p.stdout


def make_keys(keydir):
    """Three keys (author RSA, author Ed25519, the ESP's RSA) and the
    p= values of their key records."""
    os.makedirs(keydir, exist_ok=True)
    paths = {k: os.path.join(keydir, k + ".pem") for k in ("rsa", "ed25519", "esp")}
    run(["openssl", "genrsa", "-out", paths["rsa"], "2048"])
    run(["openssl", "genrsa", "-out", paths["esp"], "2048"])
    run(["openssl", "genpkey", "-algorithm", "ed25519", "-out", paths["ed25519"]])
    pub = {}
    for k in ("rsa", "esp"):
        der = run(["openssl", "rsa", "-in", paths[k], "-pubout", "-outform", "DER"])
        pub[k] = base64.b64encode(der).decode()
    der = run(["openssl", "pkey", "-in", paths["ed25519"], "-pubout", "-outform", "DER"])
    pub["ed25519"] = base64.b64encode(der[-32:]).decode()   # RFC 8463: the raw key
    return paths, pub


def txt(name, text):
    """A TXT record line, TEXT cut into strings of at most 255 octets."""
    parts = [text[i:i + 255] for i in range(0, len(text), 255)] or [""]
    return "%s %d IN TXT %s" % (name, TTL, " ".join('"%s"' % p for p in parts))


def key_record(name, kind, p):
    return txt(name, "v=DKIM1; k=%s; p=%s" % ("ed25519" if kind == "ed25519" else "rsa", p))


SPF_AUTHOR = "v=spf1 ip4:192.0.2.0/24 include:_spf.esp.example -all"


def big_spf(rng):
    """An SPF record and companions whose TXT answer is over 1232 octets
    (a UDP answer that must be truncated), well under authmilter's own
    bounds (4096 octets a record, 64 records an answer)."""
    nets = ["ip4:198.18.%d.%d/32" % (rng.randrange(256), rng.randrange(256))
            for _ in range(44)]
    spf = "v=spf1 ip4:192.0.2.0/24 %s include:_spf.esp.example -all" % " ".join(nets)
    tokens = ["google-site-verification=%s" % rand_token(rng, 43),
              "MS=ms%08d" % rng.randrange(10 ** 8),
              "facebook-domain-verification=%s" % rand_token(rng, 30).lower(),
              "apple-domain-verification=%s" % rand_token(rng, 16),
              "atlassian-domain-verification=%s" % rand_token(rng, 64)]
    return [spf] + tokens


def rand_token(rng, n):
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
    return "".join(rng.choice(alphabet) for _ in range(n))


class Domains:
    """The author domains dK.<policy>.example and their policies."""

    def __init__(self, count, cases, rng):
        self.count = count
        self.policy = []
        pol_cycle = shuffled_cases(quotas(POLICY_MIX, count), rng)
        for k in range(count):
            # the first pass decides: a spoof-X message owns a p=X domain
            case = cases[k] if k < len(cases) else ""
            if case.startswith("spoof-"):
                self.policy.append(case[len("spoof-"):])
            else:
                self.policy.append(pol_cycle[k])

    def name(self, k):
        return "d%d.%s.example" % (k + 1, self.policy[k])


def zone_lines(domains, faults, pub, rng):
    """The fixture zone, as lines."""
    out = ["# written by tests/bench/mkcorpus.py (format: tests/lib/dns-server.sh)",
           "# example is a zone so that the DMARC tree walk's last step",
           "# (_dmarc.example) is NXDOMAIN, not REFUSED.",
           "zone example",
           "zone esp.example",
           txt("esp.example.", "v=spf1 include:_spf.esp.example -all"),
           txt("_spf.esp.example.", "v=spf1 ip4:198.51.100.0/24 -all"),
           key_record("s1._domainkey.esp.example.", "rsa", pub["esp"]),
           "zone fwd.example",
           txt("fwd.example.", "v=spf1 ip4:203.0.113.0/24 -all"),
           "# spoof.example signs with the ESP key: a valid but unaligned signature",
           "zone spoof.example",
           key_record("s1._domainkey.spoof.example.", "rsa", pub["esp"])]
    for policy, _ in POLICY_MIX:
        out.append("zone %s.example" % policy)
    for k in range(domains.count):
        d = domains.name(k)
        out.append(txt(d + ".", SPF_AUTHOR))
        out.append(txt("_dmarc.%s." % d, "v=DMARC1; p=%s" % domains.policy[k]))
        out.append(key_record("rsa._domainkey.%s." % d, "rsa", pub["rsa"]))
        out.append(key_record("ed._domainkey.%s." % d, "ed25519", pub["ed25519"]))
    if faults:
        out += fault_zone_lines(faults, rng)
    return out


def fault_zone_lines(faults, rng):
    """Zones of the dnsfault cases. The parents publish p=reject, so a
    resolver that took SERVFAIL or silence for NXDOMAIN would walk up to
    a reject: the bug these cases exist to show."""
    out = []
    for parent in ("servfail", "timeout", "trunc"):
        out += ["zone %s.example" % parent,
                txt("_dmarc.%s.example." % parent, "v=DMARC1; p=reject")]
    for case, d in faults:
        out.append(txt("_dmarc.%s." % d, "v=DMARC1; p=reject")
                   if case == "dnsfault-truncated" else
                   "%s _dmarc.%s" % ("servfail" if case == "dnsfault-servfail"
                                     else "timeout", d))
        records = big_spf(rng) if case == "dnsfault-truncated" else [SPF_AUTHOR]
        out += [txt(d + ".", r) for r in records]
    return out


def words(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def text_lines(rng, nbytes):
    """Plausible text lines (at most 78 characters) in paragraphs, of
    exactly NBYTES bytes counted with CRLF line ends (at least one line)."""
    lines, size = [], 0
    while nbytes - size > 80:
        line = words(rng, 1)
        while True:
            w = rng.choice(WORDS)
            if len(line) + 1 + len(w) > rng.randrange(60, 79):
                break
            line += " " + w
        line = line[0].upper() + line[1:]
        if rng.random() < 0.15 and nbytes - size > 84 + len(line):
            lines += [line + ".", ""]       # a paragraph ends
            size += len(line) + 5
        else:
            lines.append(line)
            size += len(line) + 2
    last = max(nbytes - size - 2, 0)     # the closing line takes the rest
    tail = words(rng, 16)[:last].rstrip()
    lines.append(tail + "." * (last - len(tail)))
    return lines


def crlf_len(text):
    """The length of TEXT (LF line ends) once written with CRLF."""
    return len(text) + text.count("\n")


def pick_size(rng, small):
    """Total message size: skewed to small, like real mail (about 70% of
    the default range under 20 KB, a tail to 200 KB). The aim keeps 128
    bytes off both ends: signature sizes are estimated, not known."""
    lo, hi = (2048 + 128, 8192 - 128) if small else (2048 + 128, 200 * 1024 - 128)
    return int(lo * (hi / lo) ** (rng.random() ** 2))


def fold_refs(rng, domain, n):
    ids = ["<%s.%d@%s>" % (rand_token(rng, 16), rng.randrange(10 ** 6), domain)
           for _ in range(n)]
    return "References: " + "\n ".join(ids)


def build_message(m, rng, small):
    """The message text (LF line ends) for plan M, aimed at a final size
    that leaves room for M's signatures and footer."""
    d = m["author_domain"]
    first, last = rng.choice(FIRST), rng.choice(LAST)
    date = email.utils.format_datetime(m["date"])
    hop_ip = "10.%d.%d.%d" % (rng.randrange(256), rng.randrange(256), rng.randrange(1, 255))
    hdr = [
        "Received: from submit.%s (submit.%s [%s])\n\tby %s (Postfix) with ESMTPSA id %s\n\t"
        "for <%s>; %s" % (d, d, hop_ip, m["helo"], rand_token(rng, 10).upper(), m["rcpt"], date),
        "Received: by submit.%s (Postfix, from userid %d)\n\tid %s; %s"
        % (d, 1000 + rng.randrange(50), rand_token(rng, 10).upper(), date),
    ]
    if rng.random() < 0.5:
        hdr.append("Received: from localhost (localhost [127.0.0.1]) by submit.%s "
                   "(amavis) with LMTP id %s; %s" % (d, rand_token(rng, 12), date))
    w = [rng.choice(WORDS) for _ in range(3)]
    subject = rng.choice(SUBJECTS).format(w1=w[0], w2=w[1], w3=w[2], W1=w[0].capitalize(),
                                          W2=w[1].capitalize(), n=rng.randrange(1000, 99999))
    hdr += ["Date: " + date,
            "From: %s %s <%s@%s>" % (first, last, m["author_local"], d),
            "To: <%s>" % m["rcpt"],
            "Subject: " + subject,
            "Message-ID: <%s.%s@%s>" % (m["file"].split("/")[1], m["mid"], d)]
    if rng.random() < 0.2:
        hdr.append(fold_refs(rng, d, rng.randrange(4, 16)))
    hdr.append("MIME-Version: 1.0")
    target = m["size"] - sig_bytes(m["sigs"], len(hdr) + 3)
    if m["alter"]:
        target -= crlf_len(LIST_FOOTER)
    need = target - sum(crlf_len(h) + 2 for h in hdr) - 2   # the blank line
    if need > 24 * 1024 + 200:
        hdr.append('Content-Type: multipart/mixed; boundary="=_%s"' % m["mid"])
        body = multipart(rng, m["mid"], need - crlf_len(hdr[-1]) - 2)
    else:
        hdr.append("Content-Type: text/plain; charset=us-ascii")
        hdr.append("Content-Transfer-Encoding: 7bit")
        need -= sum(crlf_len(h) + 2 for h in hdr[-2:])
        body = "\n".join(text_lines(rng, max(need, 2))) + "\n"
    return "\n".join(hdr) + "\n\n" + body


def sig_bytes(sigs, nfields):
    """What SIGS will add, within a few dozen bytes: the fixed tags, the
    domain, the folded b= of the algorithm, and h= naming every field
    (earlier signatures included)."""
    total = 0
    for dom, _, alg, _ in sigs:
        total += (495 if alg == "rsa" else 235) + len(dom) + 11 * nfields
        nfields += 1
    return total


def multipart(rng, mid, need):
    """A text part and a base64 attachment, NEED bytes in all (with CRLF):
    the attachment takes most, the text part the exact rest."""
    b = "=_" + mid
    name = "%s-%s.pdf" % (rng.choice(WORDS), rng.choice(WORDS))
    shape = ("This is a multi-part message in MIME format.\n\n"
             "--%s\nContent-Type: text/plain; charset=us-ascii\n"
             "Content-Transfer-Encoding: 7bit\n\n%%s\n\n"
             "--%s\nContent-Type: application/pdf; name=\"%s\"\n"
             "Content-Transfer-Encoding: base64\n"
             "Content-Disposition: attachment; filename=\"%s\"\n\n%%s\n\n--%s--\n"
             % (b, b, name, name, b))
    text_want = rng.randrange(1024, 6144)
    rest = need - crlf_len(shape % ("", "")) - text_want
    enc = base64.b64encode(rng.randbytes(max(rest * 57 // 78, 64))).decode()
    b64 = "\n".join(enc[i:i + 76] for i in range(0, len(enc), 76))
    text_bytes = need - crlf_len(shape % ("", b64))
    # the text part's lines end in CRLF except its last (the shape adds it)
    text = "\n".join(text_lines(rng, max(text_bytes + 2, 2)))
    return shape % (text, b64)


def sign_and_write(m, text, signer, keys, outdir):
    """Sign (one signer run a signature), alter, write with CRLF.
    Returns the file's size."""
    data = text.encode()
    for dom, sel, alg, canon in m["sigs"]:
        key = keys["esp"] if sel == "s1" else keys[alg]
        data = run([signer, "-d", dom, "-s", sel, "-k", key, "-a",
                    "ed25519" if alg == "ed25519" else "rsa", "-c", canon], data)
    if m["alter"]:
        data += LIST_FOOTER.encode()
    data = re.sub(rb"\r?\n", b"\r\n", data)
    with open(os.path.join(outdir, m["file"]), "wb") as f:
        f.write(data)
    return len(data)


def author_sigs(rng, domain, kinds):
    """Author signatures, one per kind in KINDS (rsa, ed25519): relaxed
    mostly, simple for a fifth of the RSA ones. Not simple with Ed25519:
    libopendkim 2.11.0~beta2 (Debian 12) makes Ed25519 c=simple
    signatures that authmilter and an openssl check both find invalid."""
    return [(domain, "rsa" if k == "rsa" else "ed", k,
             "simple" if k == "rsa" and rng.random() < 0.2 else "relaxed")
            for k in kinds]


def plan_message(i, case, dom, policy, seed, small):
    """Everything random about message I, from its own generator, so that
    messages may be built in any order and still come out the same."""
    rng = random.Random("%d:%d" % (seed, i))
    m = {"file": "msg/%06d" % (i + 1), "case": case, "author_domain": dom,
         "author_local": rng.choice(LOCAL_PARTS), "sigs": [], "alter": False,
         "rcpt": "%s@%s" % (rng.choice(("user", "alice", "bob", "postmaster",
                                        "sales", "team")), RCPT_DOMAIN),
         "mid": "%x%s" % (seed, rand_token(rng, 12).replace("_", "x").replace("-", "y")),
         "date": datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.timezone.utc)
         + datetime.timedelta(seconds=37 * i + rng.randrange(37)),
         "size": pick_size(rng, small), "rng": rng}
    own = "192.0.2.%d" % rng.randrange(1, 255)
    author_from = "%s@%s" % (m["author_local"], dom)
    if case in ("legit-spf", "dnsfault-servfail", "dnsfault-timeout", "dnsfault-truncated"):
        m.update(client=own, helo="mail." + dom, env_from=author_from)
    elif case == "legit-dkim":
        m.update(client=own, helo="mail." + dom, env_from=author_from)
        if rng.random() < 0.1:      # a bounce: null sender, DKIM carries it
            m["env_from"] = ""
        kinds = rng.choice((["rsa"], ["rsa"], ["ed25519"], ["rsa", "ed25519"]))
        m["sigs"] = author_sigs(rng, dom, kinds)
        if rng.random() < 0.25:
            m["sigs"].append(("esp.example", "s1", "rsa", "relaxed"))
    elif case == "esp":
        m.update(client="198.51.100.%d" % rng.randrange(1, 255),
                 helo="out%d.esp.example" % rng.randrange(1, 20),
                 env_from="bounce-%d@esp.example" % (i + 1))
        m["sigs"] = author_sigs(rng, dom, [rng.choice(("rsa", "rsa", "ed25519"))])
        m["sigs"].append(("esp.example", "s1", "rsa", "relaxed"))
    elif case.startswith("forwarded"):
        m.update(client="203.0.113.%d" % rng.randrange(1, 51), helo="lists.fwd.example",
                 env_from="fwd-list-bounces+%d@fwd.example" % (i + 1),
                 alter=case == "forwarded-altered")
        m["sigs"] = author_sigs(rng, dom, [rng.choice(("rsa", "rsa", "ed25519"))])
    else:                           # spoof-*
        m.update(client="203.0.113.%d" % rng.randrange(66, 71), helo="mail.spoof.example",
                 env_from=author_from)
        if rng.random() < 0.3:
            m["sigs"] = [("spoof.example", "s1", "rsa", "relaxed")]
    m["expect"] = DISPOSITION[policy] if case == "forwarded-altered" else EXPECT[case]
    return m


def index_line(m):
    return "%s case=%s client=%s helo=%s from=%s rcpt=%s expect=%s" % (
        m["file"], m["case"], m["client"], m["helo"], m["env_from"], m["rcpt"], m["expect"])


def clear_old(out):
    """Remove what an earlier run wrote here (and nothing else)."""
    for name in ("zone", "index"):
        p = os.path.join(out, name)
        if os.path.exists(p):
            os.unlink(p)
    msgdir = os.path.join(out, "msg")
    if os.path.isdir(msgdir):
        for name in os.listdir(msgdir):
            if re.fullmatch(r"\d{6}", name):
                os.unlink(os.path.join(msgdir, name))


def parse_args(argv):
    ap = argparse.ArgumentParser(description="Write a benchmark corpus (tests/bench/README.md).")
    ap.add_argument("--out", required=True, help="corpus directory")
    ap.add_argument("--signer", required=True, help="path to tests/lib/dkimsign")
    ap.add_argument("--messages", type=int, default=1000)
    ap.add_argument("--domains", type=int, default=None,
                    help="author domains (default: as many as messages)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--faults", action="store_true",
                    help="add DNS fault cases (SERVFAIL, timeout, truncated UDP)")
    ap.add_argument("--small", action="store_true", help="messages of 2-8 KB only")
    a = ap.parse_args(argv)
    if a.domains is None:
        a.domains = a.messages
    if not 1 <= a.messages <= 999999 or a.domains < 1:
        ap.error("--messages must be 1..999999 and --domains at least 1")
    if not (os.path.isfile(a.signer) and os.access(a.signer, os.X_OK)):
        ap.error("--signer %s is not an executable file" % a.signer)
    return a


def plan_all(a):
    """The cases in sending order, the domains, and each message's plan."""
    rng = random.Random(a.seed)
    mix = list(MIX)
    if a.faults:
        taken = sum(f for _, f in FAULT_MIX)
        mix = [(n, f - taken if n == "legit-spf" else f) for n, f in mix] + list(FAULT_MIX)
    cases = shuffled_cases(quotas(mix, a.messages), rng)
    domains = Domains(a.domains, cases, rng)
    plans, faults = [], []
    fault_parent = {"dnsfault-servfail": "servfail", "dnsfault-timeout": "timeout",
                    "dnsfault-truncated": "trunc"}
    for i, case in enumerate(cases):
        if case in fault_parent:
            dom, policy = "d%d.%s.example" % (i + 1, fault_parent[case]), "reject"
            faults.append((case, dom))
        else:
            k = i % domains.count
            dom, policy = domains.name(k), domains.policy[k]
            if case.startswith("spoof-"):   # past the first pass: the domain decides
                case = "spoof-" + policy
        plans.append(plan_message(i, case, dom, policy, a.seed, a.small))
    return domains, faults, plans, rng


def main(argv):
    a = parse_args(argv)
    os.makedirs(os.path.join(a.out, "msg"), exist_ok=True)
    clear_old(a.out)
    keys, pub = make_keys(os.path.join(a.out, "keys"))
    domains, faults, plans, rng = plan_all(a)
    with open(os.path.join(a.out, "zone"), "w") as f:
        f.write("\n".join(zone_lines(domains, faults, pub, rng)) + "\n")
    texts = [build_message(m, m.pop("rng"), a.small) for m in plans]
    signer = os.path.abspath(a.signer)
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        sizes = list(pool.map(lambda mt: sign_and_write(mt[0], mt[1], signer, keys, a.out),
                              zip(plans, texts)))
    with open(os.path.join(a.out, "index"), "w") as f:
        f.write("# mkcorpus.py seed=%d messages=%d domains=%d faults=%s small=%s\n"
                % (a.seed, a.messages, a.domains, "yes" if a.faults else "no",
                   "yes" if a.small else "no"))
        for m in plans:
            f.write(index_line(m) + "\n")
    per_case = {}
    for m in plans:
        per_case[m["case"]] = per_case.get(m["case"], 0) + 1
    print("mkcorpus: messages=%d bytes=%d domains=%d %s" % (
        len(plans), sum(sizes), domains.count + len(faults),
        " ".join("%s=%d" % kv for kv in sorted(per_case.items()))))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Fail as e:
        print("mkcorpus: %s" % e, file=sys.stderr)
        sys.exit(1)
