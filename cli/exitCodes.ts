// The CLI's exit codes and how an error code maps to one come from the contract's one error table
// (contract/errors.ts), shared with the API's codes.
export { EXIT, exitCodeOf, type ExitCode } from '../contract/errors';
