import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  type LogLevel,
  type LogMetadata,
} from '@temporalio/worker';
import { harnessState } from './state';
import { TEST_SERVER_LAUNCHER } from './paths';
import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { ALL_SEARCH_ATTRIBUTES } from '../../workflows/secondment/definitions';
import { testDataConverter } from './codec';

/** Task queues whose activities fail on purpose (a test's own failing worker). */
const expectedFailureQueues = new Set<string>();

/**
 * A test that makes a worker's activities fail deliberately names its task queue here, so the SDK's
 * "Activity failed" warnings (with their stack traces) for it stay out of the test output and real
 * failures elsewhere stay visible.
 */
export function expectActivityFailuresOn(taskQueue: string): void {
  expectedFailureQueues.add(taskQueue);
}

/** The SDK's own logger, minus the entries of expected failures. */
class TestLogger extends DefaultLogger {
  override log(level: LogLevel, message: string, meta?: LogMetadata): void {
    const queue: unknown = meta?.['taskQueue'];
    if (typeof queue === 'string' && expectedFailureQueues.has(queue)) return;
    super.log(level, message, meta);
  }
}

let runtimeInstalled = false;
/** Keep test output readable: only SDK warnings and errors, and none of expected failures. */
export function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new TestLogger('WARN') });
}

/** A time-skipping server (Java, fetched by setup) started through the SDK as an existing binary. */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: TEST_SERVER_LAUNCHER } },
    client: { dataConverter: testDataConverter },
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
    client: new Client({ connection, namespace, dataConverter: testDataConverter }),
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

/** The production workflows with the OpenTelemetry workflow interceptors (tracing on). */
export function tracedWorkflowBundle(): { codePath: string } {
  return { codePath: harnessState().tracedWorkflowBundlePath };
}

/** The chain probe's test-only workflows, bundled apart from the production ones. */
export function probeWorkflowBundle(): { codePath: string } {
  return { codePath: harnessState().probeBundlePath };
}

export type { Worker };
