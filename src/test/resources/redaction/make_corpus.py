#!/usr/bin/env python3
"""Writes corpus.jsonl: labelled samples for RedactionCorpusTests.

Every secret here is fake: random characters in the shape of the real thing (seeded, so the corpus is
reproducible), with valid checksums where the format has one (Luhn, IBAN) so that the detectors' checks are
exercised. No value was ever issued by a vendor. Run: python3 make_corpus.py > corpus.jsonl
Each line: {"text": ..., "expect": [{"kind": ..., "value": ...}], "note": ...}; "value" is the exact text a
finding of that kind must cover. Samples with an empty "expect" are negatives, most of them hard ones.
"""
import base64
import json
import random
import string

R = random.Random(20240515)
UP = string.ascii_uppercase
LO = string.ascii_lowercase
DI = string.digits
B62 = UP + LO + DI
B64 = B62 + "+/"
B64URL = B62 + "-_"
HEX = "0123456789abcdef"


def rnd(alphabet, n):
    return "".join(R.choice(alphabet) for _ in range(n))


def b64url(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


samples = []


def pos(text, *expect, note=""):
    resolved = []
    for k, v in expect:
        if v is None:  # value generated inside the text: take it from the text
            v = {"aws-secret-access-key": lambda: text.split("aws_secret_access_key=")[1].split("\\n")[0].split("\n")[0],
                 "iban": lambda: text.split("IBAN: ")[1]}[k]()
        resolved.append({"kind": k, "value": v})
    samples.append({"text": text, "expect": resolved, "note": note})


def neg(text, note=""):
    samples.append({"text": text, "expect": [], "note": note})


# ---------- generators ----------
def aws_id(prefix="AKIA"):
    return prefix + rnd(UP + "234567", 16)


def aws_secret():
    return rnd(B64, 40)


def gcp_key():
    return "AIza" + rnd(B64URL, 35)


def gh(prefix):
    return prefix + rnd(B62, 36)


def gh_pat():
    return "github_pat_" + rnd(B62, 22) + "_" + rnd(B62, 59)


def glpat():
    return "glpat-" + rnd(B64URL.replace("-", "").replace("_", "") + "-_", 20)


def slack(prefix):
    return prefix + "-" + rnd(DI, 11) + "-" + rnd(DI, 13) + "-" + rnd(B62, 24)


def xapp():
    return "xapp-1-A" + rnd(UP + DI, 10) + "-" + rnd(DI, 13) + "-" + rnd(HEX, 64)


def webhook():
    return "https://hooks.slack.com/services/T" + rnd(UP + DI, 8) + "/B" + rnd(UP + DI, 10) + "/" + rnd(B62, 24)


def hvs():
    return "hvs." + rnd(B64URL, 90)


def legacy_vault():
    while True:
        v = rnd(B62, 24)
        if any(c.isupper() for c in v) and any(c.islower() for c in v):
            return "s." + v


def stripe(prefix):
    return prefix + rnd(B62, 24)


def jwt():
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = b64url(json.dumps({"sub": rnd(DI, 10), "name": "Jane Doe", "iat": 1516239022 + R.randint(0, 10**6)}).encode())
    return header + "." + payload + "." + rnd(B64URL, 43)


def pem(label="RSA PRIVATE KEY", lines=6, sep="\n"):
    body = sep.join(rnd(B64, 64) for _ in range(lines))
    return "-----BEGIN " + label + "-----" + sep + body + sep + "-----END " + label + "-----"


def azure_key():
    return rnd(B64, 86) + "=="


def sas_sig():
    return rnd(B62, 20) + "%2B" + rnd(B62, 20) + "%3D"


def password():
    return R.choice(["hunter2", "Tr0ub4dor&3", "correct-horse-battery", "P@ssw0rd!", "s3cr3t", "changeme123",
                     "Winter2024!", "qwerty#" + rnd(DI, 3), rnd(B62, 12), "mysecretpassword"])


def opaque():
    return rnd(B62, 32)


def luhn_complete(prefix, length):
    digits = prefix + rnd(DI, length - len(prefix) - 1)
    for check in DI:
        s = 0
        for i, ch in enumerate(reversed(digits + check)):
            d = int(ch)
            if i % 2 == 1:
                d *= 2
                if d > 9:
                    d -= 9
            s += d
        if s % 10 == 0:
            return digits + check


def group4(number, sep=" "):
    return sep.join(number[i:i + 4] for i in range(0, len(number), 4))


def iban(country, length):
    bban = rnd(DI, length - 4)
    rearranged = bban + country + "00"
    numeric = "".join(str(int(c, 36)) for c in rearranged)
    check = 98 - int(numeric) % 97
    return country + "%02d" % check + bban


def email():
    first = R.choice(["jane", "john", "maria", "wei", "olu", "priya", "lars"])
    last = R.choice(["doe", "smith", "garcia", "chen", "okafor", "patel", "berg"])
    domain = R.choice(["example.com", "corp.example.org", "mail.example.co.uk", "example.io"])
    return R.choice([first + "." + last, first + last[0], first + "+alerts", first + "_" + last]) + "@" + domain


# ---------- positives ----------
for i in range(6):
    k = aws_id(R.choice(["AKIA", "ASIA"]))
    pos(R.choice(["Using credentials %s for s3 upload", "export AWS_ACCESS_KEY_ID=%s", "\"AccessKeyId\": \"%s\",",
                  "aws_access_key_id = %s", "error: InvalidAccessKeyId (%s) not found"]) % k,
        ("aws-access-key-id", k))
for i in range(6):
    s = aws_secret()
    pos(R.choice(["aws_secret_access_key = %s", "export AWS_SECRET_ACCESS_KEY=%s", "\"SecretAccessKey\": \"%s\"",
                  "secret_access_key: '%s'", "AWS_SECRET_KEY=%s"]) % s, ("aws-secret-access-key", s))
for i in range(3):
    k, s = aws_id(), aws_secret()
    pos("%s,%s" % (k, s), ("aws-access-key-id", k), ("aws-secret-access-key", s), note="credentials.csv row")
for i in range(6):
    k = gcp_key()
    pos(R.choice(["GET https://maps.googleapis.com/maps/api/geocode/json?address=x&key=%s 403",
                  "GOOGLE_API_KEY=%s", "firebase apiKey: \"%s\"", "using api key %s"]) % k, ("gcp-api-key", k))
for i in range(4):
    key = pem("PRIVATE KEY", 4, "\\n") + "\\n"
    text = ('{"type": "service_account", "project_id": "demo-123", "private_key_id": "%s", "private_key": "%s", '
            '"client_email": "svc@demo-123.iam.gserviceaccount.com"}') % (rnd(HEX, 40), key)
    pos(text, ("gcp-service-account-key", key[:-2]), ("email", "svc@demo-123.iam.gserviceaccount.com"))
for label in ["RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY",
              "PGP PRIVATE KEY BLOCK", "DSA PRIVATE KEY"]:
    key = pem(label, R.randint(3, 8))
    pos("Loaded key from secret:\n" + key + "\ndone", ("private-key", key))
truncated = "-----BEGIN RSA PRIVATE KEY-----\n" + rnd(B64, 64) + "\n" + rnd(B64, 30)
pos("log line cut: " + truncated, ("private-key", truncated), note="no END marker")
for i in range(4):
    k = azure_key()
    pos("DefaultEndpointsProtocol=https;AccountName=stor%s;AccountKey=%s;EndpointSuffix=core.windows.net" % (rnd(LO, 5), k),
        ("azure-storage-key", k))
for i in range(3):
    k = rnd(B64, 43) + "="
    pos("Endpoint=sb://ns-%s.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=%s" % (rnd(LO, 4), k),
        ("azure-shared-access-key", k))
for i in range(3):
    sig = sas_sig()
    pos("GET https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&ss=b&srt=o&sp=r&se=2024-12-31T00:00:00Z&sig=%s 200" % sig,
        ("azure-sas-signature", sig))
for prefix in ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]:
    t = gh(prefix)
    pos(R.choice(["git clone https://%s@github.com/acme/repo.git", "GITHUB_TOKEN=%s", "token %s rejected: Bad credentials"]) % t,
        ("github-token", t))
for i in range(3):
    t = gh_pat()
    pos("gh auth login --with-token <<< %s" % t, ("github-token", t))
for i in range(5):
    t = glpat()
    pos(R.choice(["PRIVATE-TOKEN: %s", "CI_JOB_TOKEN is not %s", "glab auth login --token %s"]) % t, ("gitlab-token", t))
for prefix in ["xoxb", "xoxp", "xoxa", "xoxs", "xoxb"]:
    t = slack(prefix)
    pos(R.choice(["SLACK_BOT_TOKEN=%s", "slack: invalid_auth for token %s", "{\"token\":\"%s\",\"channel\":\"C0123\"}"]) % t,
        ("slack-token", t))
for i in range(2):
    t = xapp()
    pos("socket mode with app token %s" % t, ("slack-token", t))
for i in range(4):
    w = webhook()
    pos(R.choice(["posting alert to %s", "webhook_url: %s", "curl -X POST -d @msg.json %s"]) % w, ("slack-webhook-url", w))
for i in range(4):
    t = hvs()
    pos(R.choice(["VAULT_TOKEN=%s", "X-Vault-Token: %s", "vault login %s"]) % t, ("vault-token", t))
for i in range(3):
    t = legacy_vault()
    pos(R.choice(["VAULT_TOKEN=%s vault kv get secret/app", "renewed token %s ttl=768h"]) % t, ("vault-token", t))
for prefix in ["sk_live_", "sk_test_", "rk_live_", "sk_live_"]:
    t = stripe(prefix)
    pos(R.choice(["stripe.api_key = '%s'", "STRIPE_SECRET_KEY=%s", "Stripe error for key %s: rate limited"]) % t,
        ("stripe-key", t))
t = "whsec_" + rnd(B62, 32)
pos("STRIPE_WEBHOOK_SECRET=" + t, ("stripe-key", t))
for i in range(6):
    t = jwt()
    pos(R.choice(["Authorization: Bearer %s", "id_token=%s", "cookie session=%s; Path=/", "decoded jwt %s ok"]) % t,
        ("jwt", t))
for i in range(8):
    p = password()
    user = R.choice(["app", "admin", "svc_reader", "postgres"])
    template = R.choice(["postgres://%s:%s@db.internal:5432/orders", "mysql://%s:%s@10.0.3.7/app",
                         "mongodb+srv://%s:%s@cluster0.abcd.mongodb.net/test", "amqp://%s:%s@rabbit:5672/",
                         "https://%s:%s@registry.example.com/v2/"])
    pos("connecting to " + template % (user, p), ("url-credentials", p))
p = password()
pos("REDIS_URL=redis://:%s@cache:6379/0" % p, ("url-credentials", p))
for i in range(6):
    p = password()
    template = R.choice(["Server=tcp:sql.example.net,1433;Database=app;User Id=sa;Password=%s;Encrypt=true",
                         "jdbc:sqlserver://sql:1433;databaseName=app;user=sa;password=%s",
                         "jdbc:postgresql://db:5432/app?user=app&password=%s&ssl=true",
                         "Data Source=db;Initial Catalog=app;User ID=u;Pwd=%s;"])
    pos(template % p, ("connection-string-password", p))
for i in range(5):
    t = opaque()
    pos(R.choice(["Authorization: Bearer %s", "curl -H 'Authorization: Bearer %s' https://api.example.com",
                  "\"Authorization\": \"Bearer %s\"", "authorization=Bearer %s"]) % t, ("bearer-token", t))
for i in range(3):
    t = rnd(B64URL, 40)
    pos("request failed with bearer %s (401)" % t, ("bearer-token", t))
for i in range(3):
    creds = base64.b64encode(("%s:%s" % (R.choice(["admin", "ci"]), password())).encode()).decode()
    pos("Authorization: Basic " + creds, ("basic-auth", creds))
for i in range(12):
    p = password()
    template = R.choice(["password=%s", "DB_PASSWORD=%s", "{\"password\":\"%s\"}", "  password: %s",
                         "spring.datasource.password=%s", "dbPassword: \"%s\"", "--password=%s", "passwd: '%s'",
                         "{\\\"password\\\":\\\"%s\\\"}", "pass: %s", "SMTP_PASS=%s", "login failed for user=bob password=%s"])
    pos(template % p, ("password", p))
k8s = base64.b64encode(password().encode()).decode()
pos("data:\n  username: YWRtaW4=\n  password: " + k8s, ("password", k8s), note="kubernetes Secret manifest")
for i in range(12):
    s = R.choice([opaque(), rnd(B62, 20), password(), rnd(HEX, 32)])
    template = R.choice(["client_secret=%s", "API_KEY=%s", "\"apiKey\": \"%s\"", "x-api-key: %s", "token: %s",
                         "webhook_secret: '%s'", "OPENAI_API_KEY=%s", "access_token=%s", "private_key: %s",
                         "credentials: %s", "AUTH_TOKEN=%s", "secret = \"%s\""])
    pos(template % s, ("secret", s))
for i in range(8):
    s = R.choice([rnd(B62, 24), rnd(B64, 32), rnd(HEX, 64)])
    template = R.choice(["signing_key: %s", "SESSION_COOKIE=%s", "hmac: %s", "encryption_key=%s", "salt: \"%s\"",
                         "JWT_SIGNING_KEY=%s", "master_key: %s", "otp: %s"])
    pos(template % s, ("high-entropy-secret", s))
for i in range(10):
    e = email()
    pos(R.choice(["user %s logged in", "To: %s", "notify=%s", "\"email\": \"%s\"", "owner <%s> paged",
                  "password reset requested by %s"]) % e, ("email", e))
phones = ["+1 415 555 0132", "+44 20 7946 0958", "+49 30 12345678", "+33 6 12 34 56 78", "+1-202-555-0173",
          "(415) 555-0132", "415-555-0199", "020 7946 0958", "07700 900123", "030 12345678", "06 12 34 56 78",
          "+4915112345678", "+61 2 9876 5432", "0171 1234567"]
for p in phones:
    pos(R.choice(["on-call phone %s", "call %s if paging fails", "contact: Jane Doe, %s", "\"phone\": \"%s\""]) % p,
        ("phone-number", p))
pos("phone: 4155550132", ("phone-number", "4155550132"))
for prefix, length in [("4", 16), ("51", 16), ("2221", 16), ("34", 15), ("37", 15), ("6011", 16), ("35", 16),
                       ("4", 19), ("55", 16), ("36", 14)]:
    n = luhn_complete(prefix, length)
    shape = R.choice(["plain", "space", "dash"]) if length == 16 else "plain"
    shown = n if shape == "plain" else group4(n, " " if shape == "space" else "-")
    pos(R.choice(["charge failed for card %s", "card_number=%s", "\"pan\": \"%s\"", "payment with %s declined"]) % shown,
        ("payment-card", shown))
for country, length in [("DE", 22), ("GB", 22), ("FR", 27), ("NL", 18), ("ES", 24), ("IT", 27), ("CH", 21)]:
    v = iban(country, length)
    if country == "GB":
        v = "GB" + v[2:4] + "WEST" + v[8:]
        numeric = "".join(str(int(c, 36)) for c in v[4:] + "GB00")
        v = "GB%02d" % (98 - int(numeric) % 97) + v[4:]
    shown = R.choice([v, " ".join(v[i:i + 4] for i in range(0, len(v), 4))])
    pos(R.choice(["refund to IBAN %s", "iban: %s", "payout account %s failed"]) % shown, ("iban", shown))

# mixed multi-finding lines
for i in range(6):
    e, k, p = email(), aws_id(), password()
    pos("2024-03-01T12:00:0%dZ ERROR deploy by %s failed: key %s, db postgres://app:%s@db:5432/x" % (i, e, k, p),
        ("email", e), ("aws-access-key-id", k), ("url-credentials", p))

# ---------- hard negatives ----------
for i in range(8):
    neg(R.choice(["commit %s", "Merge %s into main", "HEAD is now at %s fix flaky test",
                  "git checkout %s", "revision: %s"]) % rnd(HEX, 40), note="git sha")
neg("deployed abc1234 (short sha) to prod", note="short git sha")
for i in range(8):
    u = "%s-%s-4%s-a%s-%s" % (rnd(HEX, 8), rnd(HEX, 4), rnd(HEX, 3), rnd(HEX, 3), rnd(HEX, 12))
    neg(R.choice(["request_id=%s", "\"id\": \"%s\"", "trace %s started", "incident %s opened",
                  "idempotency_key: %s", "uid: %s", "session_id=%s", "token_id=%s"]) % u, note="uuid")
for i in range(6):
    d = rnd(HEX, 64)
    neg(R.choice(["image: ghcr.io/acme/api@sha256:%s", "digest: sha256:%s", "%s  watchkeeper.jar",
                  "Pulled sha256:%s", "checksum/config: %s", "sha256=%s"]) % d, note="sha256 digest")
for v in ["v1.2.3", "1.27.3-eks-2d98532", "spring-boot 4.0.7", "2.0.0-rc.1+build.5", "go1.22.1", "v0.12.3",
          "kubectl version v1.29.2", "node v20.11.1", "image tag 3.18.4-alpine"]:
    neg("upgraded to " + v, note="semver")
for p in ["api-7d9f8c6b5d-x2x7k", "payments-5f6d7c8b9-abcde", "worker-0", "redis-master-0",
          "ingress-nginx-controller-6b9f8d7c5-zq8rt", "coredns-5d78c9869d-4gxqk", "job-backup-28474560-kx2vp"]:
    neg("Back-off restarting failed container in pod %s" % p, note="pod name")
for t in ["2024-01-15T10:30:00Z", "2024-01-15 10:30:00,123", "Jan 15 10:30:00", "1705314600", "1705314600123",
          "2024-01-15T10:30:00.123456789+01:00", "15/01/2024 10:30", "Mon, 15 Jan 2024 10:30:00 GMT",
          "20240115T103000Z", "1705314600.123456"]:
    neg("event at %s took 352ms" % t, note="timestamp")
for data in [b"hello world, this is a config file", b"{\"replicas\": 3}", b"#!/bin/sh\necho ok\n",
             b"server { listen 80; }", b"just some ordinary text"]:
    neg("data: " + base64.b64encode(data).decode(), note="ordinary base64")
neg("binaryData:\n  logo.png: iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    note="base64 png")
for s in ["password_policy: strict", "token_count: 512", "max_tokens: 1024", "secretName: db-credentials",
          "kind: Secret", "key: tls.crt", "passwordless login enabled", "no password provided for user bob",
          "Invalid token", "token expired at 10:30", "secret rotation scheduled for sunday",
          "password: ${DB_PASSWORD}", "password: \"****\"", "api_key: null", "token: <redacted>",
          "WWW-Authenticate: Bearer realm=\"api\"", "bearer authentication failed for client",
          "cache_key: user-profile-12345", "signature: valid", "session: active", "partition_key: tenant-42",
          "sort_key: created_at", "secretKeyRef:\n  name: db\n  key: password", "PWD=/home/runner/work",
          "password_hash_algorithm=argon2id", "token_url: https://auth.example.com/oauth/token",
          "api_key_header: X-API-Key", "client_secret: {{ .Values.clientSecret }}", "secret: false",
          "Password reset email sent", "The token endpoint returned 500", "pass: true"]:
    neg(s, note="secret-ish word, no secret")
for s in ["https://api.example.com:8443/v1/users", "http://localhost:8080/actuator/health",
          "ssh://git@github.com/acme/repo.git", "git@github.com:acme/repo.git", "java.lang.Object@1b6d3586",
          "at com.example.Foo.bar(Foo.java:42)", "npm i lodash@4.17.21", "user@localhost", "ping @channel and @here",
          "docker pull postgres@sha256:" + rnd(HEX, 64), "jdbc:postgresql://db:5432/app?sslmode=require",
          "redis://cache:6379/0", "s3://bucket/path/to/object.tar.gz", "logs.tar.gz apps.v1 k8s.io"]:
    neg("saw " + s, note="URL or @ without credentials")
for s in ["2024-01-15", "12:30:45", "port 8080", "PID 12345", "HTTP/1.1 503 Service Unavailable",
          "trace_id=4bf92f3577b34da6a3ce929d0e0e4736", "span 00f067aa0ba902b7", "addr 0x7ffd5e8c1234",
          "build 20240115.3", "+1 retries", "took 0.123 s", "ZIP 10115", "00 01 02 03 04 05 06 07 08 09",
          "1.000.000 requests", "ratio 1:2:3", "account 123456789012", "arn:aws:iam::123456789012:role/admin",
          "latency_ms=1234567", "bytes=1048576000", "order 4000123412341235 shipped", "nanos 1705314600123456789",
          "disk 0 100 200 300", "replicas 0/3 ready", "range 10-20-30", "counter 1234 5678 9012 3456 7890",
          "version 0.12.3.4", "ts=1705314600.123456 channel=C0123456789 user=U024BE7LH",
          "IBAN DE12 3456 7890 1234 5678 90", "id AB12CDEF3456GHIJ", "card 4111 1111 1111 1112"]:
    neg("metric " + s, note="digits that are not personal data")
for s in ["use an xoxb- token for the bot", "prefix ghp_ means a classic token", "AKIA keys are long-term",
          "header eyJhbGciOiJIUzI1NiJ9 only", "glpat- tokens expire", "set VAULT_TOKEN from the file",
          "AIza prefix is Google", "-----BEGIN CERTIFICATE-----\n" + rnd(B64, 64) + "\n-----END CERTIFICATE-----",
          "-----BEGIN PUBLIC KEY-----\n" + rnd(B64, 64) + "\n-----END PUBLIC KEY-----",
          "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + rnd(B64, 43) + " ops@example",
          "pk_live_" + rnd(B62, 24) + " is publishable"]:
    neg(s, note="prefixes and public material")
for i in range(12):
    neg(R.choice(["GET /api/v1/incidents/%d 200 12ms", "alert HighCPU firing on node ip-10-0-%d-7",
                  "Scaled deployment api to %d replicas", "Processed batch %d of 40", "retry %d/5 in 2s",
                  "GC pause %dms", "cpu=%d%% mem=512Mi", "consumer lag %d messages on topic orders"]) % R.randint(1, 400),
        note="ordinary log line")

# ---------- hand-written samples: added after the detectors were tuned on the ones above ----------
t = gh("ghp_")
pos("remote: Invalid username or password.\nfatal: Authentication failed for 'https://x-access-token:%s@github.com/acme/api.git/'" % t,
    ("github-token", t), note="token as URL password: the specific kind wins")
k = aws_id()
pos("[default]\naws_access_key_id=%s\naws_secret_access_key=%s\nregion=eu-west-1" % (k, "Zq" + rnd(B64, 38)),
    ("aws-access-key-id", k), ("aws-secret-access-key", None), note="~/.aws/credentials")
p = password()
pos("helm upgrade api ./chart --set db.password=%s --set replicas=3" % p, ("password", p))
p = password()
pos("psql \"host=db.internal port=5432 dbname=orders user=app password=%s sslmode=require\"" % p, ("password", p))
p = password()
pos("spring:\n  datasource:\n    url: jdbc:postgresql://db/app\n    password: '%s'\n" % p, ("password", p))
s2 = opaque()
pos("env:\n  - name: STRIPE_TOKEN\n    value: %s" % s2, ("secret", s2),
    note="k8s env list: missed on first run, then the env-list detector was added")
e = email()
pos("Git author: Jane Doe <%s> committed 3f786850e387550fdab836ed7e6dc881de23001b" % e, ("email", e))
t = slack("xoxp")
pos("curl -s -H \"Authorization: Bearer %s\" https://slack.com/api/auth.test" % t, ("slack-token", t))
t = jwt()
pos("Set-Cookie: access_token=%s; HttpOnly; Secure" % t, ("jwt", t))
w = webhook()
pos("alertmanager receiver slack_configs api_url: '%s'" % w, ("slack-webhook-url", w))
n = luhn_complete("4", 16)
pos("Payment declined: card ending %s, full number %s" % (n[-4:], group4(n)), ("payment-card", group4(n)))
pos("refund IBAN: %s" % iban("BE", 16), ("iban", None))
pos("Rufnummer: +49 (0)30 1234567", ("phone-number", "+49 (0)30 1234567"))
pos("mobile: 07911 123456", ("phone-number", "07911 123456"))
k = gcp_key()
pos("https://www.googleapis.com/youtube/v3/search?part=snippet&key=%s" % k, ("gcp-api-key", k))
t = hvs()
pos("{\"auth\":{\"client_token\":\"%s\",\"accessor\":\"8Yf1\"}}" % t, ("vault-token", t))
p = password()
pos("MYSQL_ROOT_PASSWORD=%s docker compose up" % p, ("password", p))
s3 = rnd(B62, 40)
pos("X-Api-Key: %s" % s3, ("secret", s3))
neg("Reset your password at https://example.com/reset?token_type=email")
neg("Deleted secret projects/demo/secrets/db-password/versions/3")
neg("vault kv get -field=password secret/app/db")
neg("GET /v1/sys/leases/lookup 200 lease_id=database/creds/readonly/2f6a614c-4aa2-7b19-24b9-ad944a8d4de6")
neg("kubectl get secret db-credentials -o jsonpath='{.data.password}'")
neg("Switched to context arn:aws:eks:eu-west-1:123456789012:cluster/prod")
neg("image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2")
neg("Incident INC-20240115-0042 opened at 2024-01-15 10:30 UTC, severity 2")
neg("node ip-10-0-12-34.eu-west-1.compute.internal NotReady for 5m0s")
neg("TLS handshake error from 10.0.3.7:52814: remote error: tls: bad certificate")
neg("Request-Id: req_8fK2mQ9xL4pR7vT1 rate limited")
neg("throughput 12 345 678 bytes/s over 3 600 s")
neg("Go version go1.22.1 linux/amd64, GOMAXPROCS=2")
neg("checksum: 0a1b2c3d4e5f60718293a4b5c6d7e8f9 md5")
neg("pod/api-7d9f8c6b5d-x2x7k 1/1 Running 0 3d4h")
neg("The password must contain at least 12 characters")
neg("token bucket refilled: 100 tokens per 60s")

# ---------- gaps closed after issue 4: YAML block scalars, Kubernetes Secret data, ';' and ',' in passwords ----------
# Written before the detectors that close them (each of these leaked at least part of its secret then).
def indent(block, spaces):
    return "\n".join(" " * spaces + line for line in block.split("\n"))


p1, p2 = rnd(B62, 20), rnd(B64, 24)
pos("postgresql:\n  auth:\n    username: app\n    password: |\n      %s\n      %s\n    database: orders\n" % (p1, p2),
    ("password", p1 + "\n      " + p2), note="Helm values: literal block scalar")
p1 = password() + rnd(B62, 8)
pos("redis:\n  password: >-\n    %s\n  port: 6379" % p1, ("password", p1), note="folded block scalar, strip chomping")
key = pem("RSA PRIVATE KEY", 5)
pos("tls:\n  private_key: |\n%s\n  cert_file: /etc/tls/tls.crt" % indent(key, 4), ("private-key", indent(key, 4)[4:]),
    note="PEM in a block scalar: the PEM kind wins, the whole block goes")
s1, s2 = rnd(B64, 64), rnd(B64, 40)
pos("deploy:\n  ssh_private_key: |-\n    %s\n    %s\n  host: bastion.internal" % (s1, s2),
    ("secret", s1 + "\n    " + s2), note="non-PEM multi-line key")
t = rnd(B62, 36)
pos("webhooks:\n- name: pager\n  \"api_token\": |+\n    %s\n\n- name: chat\n  url: https://chat.internal/hook" % t,
    ("secret", t), note="quoted key in a list item, keep chomping, blank line after")
p1 = rnd(B62, 16)
pos("auth:\n  password: | # rotated 2024-05-01\r\n    %s\r\n  user: svc\r\n" % p1, ("password", p1),
    note="comment after the indicator, CRLF line breaks")
p1 = rnd(B62, 18)
pos("db:\n  password:\n    %s\n  host: db.internal" % p1, ("password", p1),
    note="plain scalar continued on the next, more indented line")
p1 = rnd(B62, 14)
pos("values.yaml:\n  smtp_passwd: !!str |\n    %s" % p1, ("password", p1), note="tag before the indicator")
s1 = rnd(B64, 48)
pos("kind: Config\nsigning:\n  hmac: |\n    %s\n" % s1, ("high-entropy-secret", s1),
    note="weak key name: redacted because the block looks random")

d1, d2, d3 = (base64.b64encode(x.encode()).decode() for x in ("app", password() + rnd(B62, 6), rnd(B62, 32)))
secret_yaml = ("apiVersion: v1\ndata:\n  DB_USER: %s\n  DB_PASS: %s\n  session.json: %s\nkind: Secret\nmetadata:\n"
               "  creationTimestamp: \"2024-05-01T10:30:00Z\"\n  name: orders-db\n  namespace: prod\n"
               "  resourceVersion: \"48213\"\n  uid: 9f1c2e7a-3b4d-4e5f-8a9b-0c1d2e3f4a5b\ntype: Opaque\n") % (d1, d2, d3)
pos("$ kubectl get secret orders-db -o yaml\n" + secret_yaml, ("kubernetes-secret", d1), ("kubernetes-secret", d2),
    ("kubernetes-secret", d3), note="kubectl get secret -o yaml: every data value, names and metadata stay")
s1, p1 = rnd(B62, 24), rnd(B62, 16)
applied = '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"api","namespace":"prod"},"stringData":{"token":"%s"}}' % s1
pos("apiVersion: v1\nkind: Secret\nmetadata:\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n"
    "      %s\n  name: api\nstringData:\n  config.yaml: |\n    endpoint: https://api.internal\n    client: %s\ntype: Opaque" % (applied, p1),
    ("kubernetes-secret", applied),
    ("kubernetes-secret", "endpoint: https://api.internal\n    client: %s" % p1),
    note="stringData block scalar, and the last-applied annotation that repeats the Secret in JSON")
d1, d2 = base64.b64encode(rnd(B62, 20).encode()).decode(), base64.b64encode(rnd(B62, 12).encode()).decode()
pos("apiVersion: v1\nitems:\n- apiVersion: v1\n  data:\n    LOG_LEVEL: ZGVidWc=\n    region: ZXUtd2VzdC0x\n  kind: ConfigMap\n"
    "  metadata:\n    name: api-config\n- apiVersion: v1\n  data:\n    tls.key: %s\n    webhook-secret: %s\n  kind: Secret\n"
    "  metadata:\n    name: api-tls\n  type: kubernetes.io/tls\nkind: List\nmetadata:\n  resourceVersion: \"\"" % (d1, d2),
    ("kubernetes-secret", d1), ("kubernetes-secret", d2),
    note="List output: the Secret item's data goes, the ConfigMap item's data stays")
d1 = base64.b64encode(rnd(B62, 20).encode()).decode()
pos("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  mode: cHJvZA==\n---\napiVersion: v1\nkind: \"Secret\"\n"
    "metadata:\n  name: app\ndata:\n  api-key: %s\n" % d1, ("kubernetes-secret", d1),
    note="two documents: only the Secret's data")

neg("steps:\n  - name: deploy\n    run: |\n      echo deploying\n      ./deploy.sh --env prod\n",
    note="CI script block")
neg("description: >-\n  Rotates the database password\n  every 30 days.\nschedule: \"0 3 * * *\"",
    note="block under a harmless key that mentions passwords")
neg("db:\n  password: |\n    ${DB_PASSWORD}\n", note="block holding a template reference")
neg("env:\n  password:\n    secretKeyRef:\n      name: db\n      key: password\n", note="nested mapping, not a value")
neg("auth:\n  password:\n    existingSecret: orders-db\n    key: db-password\n", note="Helm existingSecret pattern")
neg("passwordPolicy: |\n  minLength: 12\n  requireSymbols: true\n", note="key only starts with password")
neg("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api\ndata:\n  LOG_LEVEL: debug\n  config.yaml: |\n    replicas: 3\n",
    note="ConfigMap data stays")
neg("apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  password: {{ .Values.password | b64enc | quote }}\n",
    note="Helm template of a Secret: references only")
neg("NAME             TYPE                DATA   AGE\norders-db        Opaque              3      5d\napi-tls          kubernetes.io/tls   2      12d",
    note="kubectl get secrets table")
neg("signing:\n  key: |\n    see the runbook for the rotation steps\n", note="weak key, prose block")

p1, p2, p3 = rnd(B62, 6), rnd(B62, 5), rnd(B62, 4)
pos("jdbc:sqlserver://db.internal:1433;databaseName=orders;user=app;password=%s;%s,%s;encrypt=true" % (p1, p2, p3),
    ("connection-string-password", "%s;%s,%s" % (p1, p2, p3)), note="';' and ',' inside a JDBC password")
p1, p2 = "p@" + rnd(B62, 6), rnd(B62, 6)
pos("Server=sql01;Database=app;User Id=svc;Password=%s;%s;" % (p1, p2), ("connection-string-password", "%s;%s" % (p1, p2)),
    note="ADO.NET: value runs to the ';' that starts the next key=, or the last ';'")
pos("Server=sql01;Password=correct horse battery staple;Database=app", ("connection-string-password", "correct horse battery staple"),
    note="spaces inside a connection-string password")
p1, p2, p3 = rnd(B62, 5), rnd(B62, 5), rnd(B62, 5)
pos("DB_PASSWORD=%s;%s,%s ./run-migrations.sh" % (p1, p2, p3), ("password", "%s;%s,%s" % (p1, p2, p3)))
p1, p2 = rnd(B62, 7), rnd(B62, 7)
pos("jdbc:postgresql://db/app?user=app&password=%s,%s&sslmode=require" % (p1, p2),
    ("connection-string-password", "%s,%s" % (p1, p2)))
p1, p2 = rnd(B62, 8), rnd(B62, 4)
pos("connecting with {user=svc, password=%s;%s, retries=3}" % (p1, p2), ("password", "%s;%s" % (p1, p2)),
    note="Java Map toString")
s1, s2 = rnd(B62, 20), rnd(B62, 8)
pos("client_secret=%s,%s grant_type=client_credentials" % (s1, s2), ("secret", "%s,%s" % (s1, s2)))
neg("user=bob,password=,retries=3", note="empty value between commas")
neg("password=${DB_PASSWORD};host=db.internal;port=5432", note="reference, then the next parameter")
neg("login ok for user=bob, password check skipped; retries=0")
neg("Server=db;Database=app;Integrated Security=true;TrustServerCertificate=true;")
neg("password=****;host=db.internal", note="masked value, next parameter after ';'")

for s in samples:
    for e in s["expect"]:
        assert e["value"] in s["text"], (e, s["text"])
for s in samples:
    print(json.dumps(s, ensure_ascii=False))
