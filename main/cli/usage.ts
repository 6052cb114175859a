// What `smw --help` and `smw COMMAND --help` print (DESIGN §6). One text per command; the
// global usage is their first lines.

export const COMMAND_NAMES = ['import', 'pull', 'list', 'findings', 'reputation', 'compare', 'demo'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number] | 'pull context';

const DATA_DIR = '  --data-dir DIR   the workspace (default SMW_DATA_DIR, else the per-user app-data folder)';
const REPORT_FORMAT = `  --json           every item as JSON (DESIGN §6), written as it is computed
  --csv            one row per item (RFC 4180, CRLF); without either, a readable summary`;

export const COMMAND_USAGE: Record<CommandName, string> = {
  import: `Usage: smw import sender-model|reputation|feedback FILE [--id ID] [--replace] [--json]

Imports a file into a local snapshot. Bad rows or entries are reported one by one on stderr
and never fail the import; a file that cannot be read as a whole fails and leaves nothing.
  --id ID          the snapshot's id (default the file's base name without extension)
  --replace        replace a snapshot with the same id
  --json           print the import report as JSON on stdout
${DATA_DIR}`,
  pull: `Usage: smw pull sender-model|reputation s3://BUCKET/KEY [--id ID] [--replace] [--endpoint URL] [--region R] [--profile P] [--json]
       smw pull feedback --pg postgres://USER@HOST:PORT/DB [--table user_response] [--id ID] [--replace] [--json]
       smw pull context [--feedback ID] [--build ID] [--dns HOST[:PORT]] [--asn FILE]... [--timeout MS] [--tries N] [--id ID] [--replace] [--json]

Pulls a build from S3, or feedback from PostgreSQL, into a local snapshot, with progress on a
terminal; Ctrl-C cancels and keeps nothing. (smw pull context --help: the sender context.)
  --id ID          the snapshot's id (default the key's base name; feedback-YYYYMMDDTHHMMSSZ)
  --replace        replace a snapshot with the same id
  --endpoint URL   an S3-compatible endpoint (path-style), e.g. http://127.0.0.1:9000
  --region R       the bucket's region (default the SDK's region chain)
  --profile P      an AWS profile (default the SDK's credential chain)
  --pg URL         postgres://USER@HOST:PORT/DB[?sslmode=verify-full&sslrootcert=CA.pem]
  --table T        the feedback table (default user_response)
  --json           print the import report as JSON on stdout
${DATA_DIR}
AWS credentials come from the SDK's chain (AWS_PROFILE or --profile, SSO, AWS_ACCESS_KEY_ID…);
the PostgreSQL password from PGPASSWORD or ~/.pgpass, never from a flag.`,
  'pull context': `Usage: smw pull context [--feedback ID] [--build ID] [--dns HOST[:PORT]] [--asn FILE]... [--timeout MS] [--tries N] [--id ID] [--replace] [--json]

Pulls the sender context of a feedback pull (DESIGN §8): every feedback domain's SPF policy
with the DNS answers its evaluation needs, the PTR names of the feedback addresses (and of the
build's entries in the same /24 or /48) with forward confirmation, and the AS of every
feedback CIDR from a local table. Failed lookups are recorded and never fail the pull.
  --feedback ID    the feedback pull (default the one created last)
  --build ID       a sender-model build, for the PTR names of neighbouring entries
  --dns HOST[:PORT]  the DNS server to ask (default the system's resolvers)
  --asn FILE       an IP-to-AS table: ip2asn TSV or GeoLite2-ASN .mmdb, gzip or not; repeatable
  --timeout MS     per lookup (default 2000)
  --tries N        tries per lookup (default 2)
  --id ID          the snapshot's id (default context-YYYYMMDDTHHMMSSZ)
  --replace        replace a snapshot with the same id
  --json           print the pull's summary as JSON on stdout
${DATA_DIR}`,
  list: `Usage: smw list [--json]

Lists the workspace's snapshots, oldest first.
  --json           {"snapshots": [{"id", "kind", "source", "createdAt", "rows", "bytes", …}]}
${DATA_DIR}`,
  findings: `Usage: smw findings --build ID [--feedback ID] [--context ID] [--cutoff X] [--json|--csv]

Joins a feedback pull against a sender-model build (DESIGN §4): every (org, domain, CIDR)
item with the model entries that match it, its score statistics and status.
  --build ID       the sender-model build
  --feedback ID    the feedback pull (default the one created last, or the context's)
  --context ID     add the sender context (SPF, PTR, AS) of a context snapshot to every item
  --cutoff X       at or under X is a finding (default the build's threshold, else 0.3)
${REPORT_FORMAT}
${DATA_DIR}`,
  reputation: `Usage: smw reputation --build ID [--feedback ID] [--cutoff X] [--json|--csv]

Checks a reputation build against the trusted-domain feedback (DESIGN §4).
  --build ID       the reputation build
  --feedback ID    the feedback pull (default the one created last)
  --cutoff X       a reputation at or under X is a finding (default 0.3)
${REPORT_FORMAT}
${DATA_DIR}`,
  compare: `Usage: smw compare --base ID --candidate ID [--feedback ID] [--context ID] [--cutoff X] [--json|--csv] [--fail-on-regression]

Compares two builds of one kind against the same feedback and cutoff: per item both sides,
the delta and the transition (fixed, regressed, changed, unchanged).
  --base ID        build A
  --candidate ID   build B
  --feedback ID    the feedback pull (default the one created last, or the context's)
  --context ID     sender models only: add the sender context to every item
  --cutoff X       default the base build's threshold, else 0.3
  --fail-on-regression  exit 2 when an item regressed (a gate for a build pipeline)
${REPORT_FORMAT}
${DATA_DIR}`,
  demo: `Usage: smw demo [--replace] [--json]

Imports the demo workspace (two sender-model builds, two reputation builds, a feedback pull
and its sender context) into the workspace.
  --replace        import them again over the ones there
  --json           {"imported": [import reports]}
${DATA_DIR}`,
};

export const GLOBAL_USAGE = `Usage:
  smw import sender-model|reputation|feedback FILE [--id ID] [--replace] [--json]
  smw pull sender-model|reputation s3://BUCKET/KEY [--id ID] [--replace] [--endpoint URL] [--region R] [--profile P] [--json]
  smw pull feedback --pg postgres://USER@HOST:PORT/DB [--table user_response] [--id ID] [--replace] [--json]
  smw pull context [--feedback ID] [--build ID] [--dns HOST[:PORT]] [--asn FILE]... [--timeout MS] [--tries N] [--id ID] [--replace] [--json]
  smw list [--json]
  smw findings --build ID [--feedback ID] [--context ID] [--cutoff X] [--json|--csv]
  smw reputation --build ID [--feedback ID] [--cutoff X] [--json|--csv]
  smw compare --base ID --candidate ID [--feedback ID] [--context ID] [--cutoff X] [--json|--csv] [--fail-on-regression]
  smw demo [--replace] [--json]
  smw --version
Every command takes --data-dir DIR (or SMW_DATA_DIR); default the per-user app-data folder.
smw COMMAND --help says more about one command.`;
