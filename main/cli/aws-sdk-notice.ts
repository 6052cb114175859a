// The AWS SDK prints a NodeVersionSupportWarning of several lines on stderr the first time a client
// is made on Node < 22. DESIGN §6 promises one line on stderr per problem, so the command line —
// and only the command line, only on those Node versions — turns it off with the SDK's own switch.
// Everywhere else it stays on: the desktop app runs on Electron's Node (24), browser mode and the
// tests say plainly that Node 20 is past its end of life, and CI runs on Node 24 as well.

/** The SDK's documented switch for the notice. */
export const AWS_SDK_NOTICE_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

/** The oldest Node major that the SDK's releases from January 2027 on support. */
export const AWS_SDK_NODE_MAJOR = 22;

/** Whether the SDK would print its notice on this Node (`process.version`, e.g. `v20.20.2`). */
export function awsSdkWouldWarn(nodeVersion: string): boolean {
  const major = Number(/^v?(\d+)\./u.exec(nodeVersion)?.[1]);
  return Number.isInteger(major) && major < AWS_SDK_NODE_MAJOR;
}

/** Turns the notice off for this process when the SDK would print it; returns whether it did. */
export function quietAwsSdkNodeNotice(env: NodeJS.ProcessEnv = process.env, nodeVersion: string = process.version): boolean {
  if (!awsSdkWouldWarn(nodeVersion) || env[AWS_SDK_NOTICE_SWITCH] !== undefined) return false;
  env[AWS_SDK_NOTICE_SWITCH] = 'true';
  return true;
}
