import { readFile } from 'node:fs/promises';
import { Connection, type ConnectionOptions } from '@temporalio/client';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';
import type { TemporalTarget } from './env';

type SharedOptions = Pick<ConnectionOptions, 'address' | 'tls' | 'apiKey'>;

/** The same options serve the client and the worker, so dev and production differ only by env. */
async function sharedOptions(target: TemporalTarget): Promise<SharedOptions> {
  const options: SharedOptions = { address: target.address };
  if (target.tls) {
    const { certPath, keyPath, caPath, serverName } = target.tls;
    options.tls = {
      ...(serverName ? { serverNameOverride: serverName } : {}),
      ...(caPath ? { serverRootCACertificate: await readFile(caPath) } : {}),
      ...(certPath && keyPath
        ? { clientCertPair: { crt: await readFile(certPath), key: await readFile(keyPath) } }
        : {}),
    };
  } else if (target.apiKey) {
    // Temporal Cloud API keys require TLS even without a client certificate.
    options.tls = true;
  }
  if (target.apiKey) options.apiKey = target.apiKey;
  return options;
}

export async function connectClient(target: TemporalTarget): Promise<Connection> {
  return Connection.connect(await sharedOptions(target));
}

export async function connectWorker(target: TemporalTarget): Promise<NativeConnection> {
  return NativeConnection.connect((await sharedOptions(target)) as NativeConnectionOptions);
}
