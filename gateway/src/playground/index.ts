export { installPlayground, wantsHtml, PLAYGROUND_PATH, type PlaygroundOptions } from './playground-router';
export { loadExampleOperations, parseExampleOperation, DEFAULT_EXAMPLES_DIR, type ExampleOperation } from './examples';
export { installExamplePages, DEFAULT_EXAMPLE_PAGES_DIR } from './example-pages';
export { analystEnvSchema } from './playground-env';
export { installAnalystFeatures, CSV_EXPORT_PATH } from './install';
