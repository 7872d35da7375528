// The canonical JSON the chain hashes (in common/: the offline export verifier needs it too).
export { canonicalJson, sha256Hex } from '../common/canonicalJson';
