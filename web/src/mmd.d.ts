/** esbuild's text loader: `docs/statechart.mmd` is imported as a string at build time. */
declare module '*.mmd' {
  const text: string;
  export default text;
}
