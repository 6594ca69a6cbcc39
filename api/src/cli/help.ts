/**
 * Help texts, one per command and one overall.
 */

export const MAIN_HELP = `belcheer — command-line client of a Belcheer server

Usage:
  belcheer login  --server URL --email EMAIL [--password-stdin]
  belcheer upload --survey ID FILE [--server URL] [--token T] [--retries N] [--chunk-size SIZE] [--no-wait]
  belcheer status --survey ID [--server URL] [--token T] [--wait] [--json]
  belcheer help [COMMAND]
  belcheer --help | --version

Uploads resume: if the connection drops, belcheer retries until the server answers again; if it is
stopped (Ctrl-C, reboot), running the same command again continues where the server left off.

Environment:
  BELCHEER_SERVER      server URL when --server is not given (else the last one signed in to)
  BELCHEER_TOKEN       bearer token or API key when --token is not given (else the stored one)
  BELCHEER_PASSWORD    password for \`login\` (else prompted for)
  BELCHEER_CONFIG_DIR  where credentials and unfinished uploads are kept (~/.config/belcheer)

Exit codes: 0 done, 1 failed (server error, processing failed, gave up), 2 bad usage,
3 not signed in / not allowed (401, 403), 4 not found (404), 130 interrupted.
`;

export const COMMAND_HELP: Readonly<Record<string, string>> = {
  login: `Usage: belcheer login --server URL --email EMAIL [--password-stdin]

Signs in (POST /api/auth/login) and stores the token for that server in credentials.json in the
config dir (mode 0600). The password is asked for without echo on a terminal; otherwise it is taken
from BELCHEER_PASSWORD, or from the first line of stdin with --password-stdin.
`,
  upload: `Usage: belcheer upload --survey ID FILE [options]

Uploads an orthomosaic (GeoTIFF) to a survey over the resumable tus protocol, then follows its
processing until it is ready or failed.

  --survey ID          the survey (create it in the web app or with POST /api/surveys)
  --server URL         server (default: BELCHEER_SERVER, else the last server signed in to)
  --token T            bearer token or API key (default: BELCHEER_TOKEN, else the stored one)
  --retries N          give up after N consecutive failed attempts (default: never while the
                       server cannot be reached; a wait doubles from 1 s up to 60 s)
  --chunk-size SIZE    bytes per request, e.g. 8M (default), 2M on a very poor link, 64M on a LAN
  --no-wait            return once the upload is complete, without following the processing

Stop it any time with Ctrl-C: running the same command again resumes the upload.
`,
  status: `Usage: belcheer status --survey ID [--server URL] [--token T] [--wait] [--json]

Prints a survey's processing status, progress and error (GET /api/surveys/ID).
  --wait   follow it (every 2 s) until it is ready or failed; exits 1 if it failed
  --json   print the server's JSON as it is
`,
};
