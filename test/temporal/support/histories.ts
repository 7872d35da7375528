import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { HistoryAndWorkflowId } from '@temporalio/client';
import { historyFromJSON, historyToJSON, type History } from '@temporalio/common/lib/proto-utils';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';

/**
 * Recorded workflow histories, committed so CI can replay them against the current workflow
 * code. Each file is one run's history in Temporal's JSON form (what `temporal workflow show
 * --output json` prints); its path under test/histories without `.json` is its id. v1/ holds the
 * runs recorded before machine version 2 (frozen: nothing writes them again); v2/ is what
 * test/harness/recordHistories.ts (and recordRoundHistories.ts, for a round's cases) writes now;
 * the round workflow's histories lie at the top (recordRoundHistories.ts).
 */
export const HISTORIES_DIR = path.resolve(__dirname, '..', '..', 'histories');
export const MACHINE_DIRS = ['v1', 'v2'] as const;
/** Where the record script writes: the current machine's histories. */
export const RECORDING_DIR = path.join(HISTORIES_DIR, 'v2');

/*
 * The SDK's historyToJSON/historyFromJSON use the protobufjs copy of @temporalio/common, while the
 * History type comes from @temporalio/proto. When npm installs two copies (it does here: the
 * top-level protobufjs is grpc's 7.x, so each @temporalio package nests its own 8.x), protojson's
 * `instanceof Type` check fails with "type must be a Type". The fallback uses the protojson of
 * the very copy @temporalio/proto loads, which produces the same JSON.
 */
interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): unknown;
}
const protoRequire = createRequire(require.resolve('@temporalio/proto'));
const historyType: unknown = (
  patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }
).lookupType('temporal.api.history.v1.History');
const protoJson = (): ProtoJson => protoRequire('protobufjs/ext/protojson') as ProtoJson;
const isSplitProtobufjs = (err: unknown) => err instanceof TypeError && /must be a Type/.test(err.message);

export function historyToJson(history: History): string {
  try {
    return historyToJSON(history);
  } catch (err) {
    if (!isSplitProtobufjs(err)) throw err;
    const message = proto.temporal.api.history.v1.History.fromObject(history);
    return JSON.stringify(protoJson().toJson(historyType, message), null, 2);
  }
}

export function historyFromJson(json: unknown): History {
  try {
    return historyFromJSON(json);
  } catch (err) {
    if (!isSplitProtobufjs(err)) throw err;
    return protoJson().fromJson(historyType, json, { ignoreUnknownFields: true }) as History;
  }
}

/**
 * Every recorded history, as `v1/lifecycle-return.json`, `v2/…`, and the round workflow's own
 * histories (not tied to a machine version of the case) at the top, as `round-launched.json`.
 */
export function historyFiles(): string[] {
  const top = readdirSync(HISTORIES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return [
    ...top,
    ...MACHINE_DIRS.flatMap((dir) =>
      existsSync(path.join(HISTORIES_DIR, dir))
        ? readdirSync(path.join(HISTORIES_DIR, dir))
            .filter((f) => f.endsWith('.json'))
            .sort()
            .map((f) => `${dir}/${f}`)
        : [],
    ),
  ];
}

export function loadHistories(): (HistoryAndWorkflowId & { history: History })[] {
  return historyFiles().map((file) => ({
    workflowId: file.replace(/\.json$/, ''),
    history: historyFromJson(JSON.parse(readFileSync(path.join(HISTORIES_DIR, file), 'utf8'))),
  }));
}
