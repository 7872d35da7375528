import type { DevServer } from '../../stack/devServer';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __devServer?: DevServer }).__devServer;
  await server?.stop();
}
