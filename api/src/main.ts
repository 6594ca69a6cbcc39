/**
 * `npm start`: the API (and, on the embedded database, the worker) in one process.
 */
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { startServer } from './server.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, logger);
  // The render threads load their modules now, not on the first tile or package.
  server.rendering
    .start()
    .catch((err: unknown) => logger.error({ err }, 'tile render threads failed to start'));
  if (server.firstAdmin) {
    const { email, generatedPassword } = server.firstAdmin;
    if (generatedPassword) {
      // Printed once, on the console only (not in the JSON log stream that may be shipped elsewhere).
      process.stdout.write(
        `\n  First administrator created: ${email}\n  Password (shown only now): ${generatedPassword}\n` +
          `  Set BELCHEER_ADMIN_EMAIL / BELCHEER_ADMIN_PASSWORD to choose them instead.\n\n`,
      );
    } else {
      logger.info({ email }, 'first administrator created from BELCHEER_ADMIN_EMAIL');
    }
  }
  process.stdout.write(`Belcheer is running at ${server.url.replace('127.0.0.1', 'localhost')}\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      server.close().then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(
      `Belcheer failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
  process.exit(1);
});
