import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import { harnessState } from './state';
import { TEST_SERVER_LAUNCHER } from './paths';
import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { ALL_SEARCH_ATTRIBUTES } from '../../workflows/secondment/definitions';

let runtimeInstalled = false;
/** Keep test output readable: only SDK warnings and errors. */
export function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}

/** A time-skipping server (Java, fetched by setup) started through the SDK as an existing binary. */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: TEST_SERVER_LAUNCHER } },
  });
  // The test server validates search attributes like a real cluster: register ours.
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      ALL_SEARCH_ATTRIBUTES.map((key) => [key.name, indexedValueType(key.type)]),
    ),
  });
  return env;
}

function indexedValueType(type: SearchAttributeType): temporal.api.enums.v1.IndexedValueType {
  const byType: Record<SearchAttributeType, temporal.api.enums.v1.IndexedValueType> = {
    [SearchAttributeType.TEXT]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
    [SearchAttributeType.KEYWORD]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
    [SearchAttributeType.INT]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
    [SearchAttributeType.DOUBLE]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
    [SearchAttributeType.BOOL]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
    [SearchAttributeType.DATETIME]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
    [SearchAttributeType.KEYWORD_LIST]:
      temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  };
  return byType[type];
}

export interface DevServerClients {
  client: Client;
  connection: Connection;
  nativeConnection: NativeConnection;
  namespace: string;
  close(): Promise<void>;
}

/** Connections to the shared dev server that the global setup started. */
export async function connectToSharedDevServer(): Promise<DevServerClients> {
  quietRuntime();
  const { devServerAddress, namespace } = harnessState();
  return connectTo(devServerAddress, namespace);
}

export async function connectTo(address: string, namespace: string): Promise<DevServerClients> {
  quietRuntime();
  const connection = await Connection.connect({ address });
  const nativeConnection = await NativeConnection.connect({ address });
  return {
    client: new Client({ connection, namespace }),
    connection,
    nativeConnection,
    namespace,
    async close() {
      await connection.close();
      await nativeConnection.close();
    },
  };
}

export function sharedWorkflowBundle(): { codePath: string } {
  return { codePath: harnessState().workflowBundlePath };
}

/** The chain probe's test-only workflows, bundled apart from the production ones. */
export function probeWorkflowBundle(): { codePath: string } {
  return { codePath: harnessState().probeBundlePath };
}

export type { Worker };
