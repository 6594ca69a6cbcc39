/**
 * Where the CLI keeps its state: $BELCHEER_CONFIG_DIR, else $XDG_CONFIG_HOME/belcheer, else
 * ~/.config/belcheer (on Windows %APPDATA%\belcheer).
 */
import { homedir } from 'node:os';
import path from 'node:path';

export function configDir(env: Readonly<Record<string, string | undefined>>): string {
  if (env.BELCHEER_CONFIG_DIR) return path.resolve(env.BELCHEER_CONFIG_DIR);
  if (env.XDG_CONFIG_HOME) return path.join(env.XDG_CONFIG_HOME, 'belcheer');
  if (process.platform === 'win32' && env.APPDATA) return path.join(env.APPDATA, 'belcheer');
  return path.join(homedir(), '.config', 'belcheer');
}
