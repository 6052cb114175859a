export { importFile } from './import-file';
export { importSenderModel } from './import-sender-model';
export { importReputation } from './import-reputation';
export { importFeedbackFile, importFeedbackRows } from './import-feedback';
export { importContextFile } from './import-context';
export { importDemo, readDemoManifest, defaultDemoDir } from './import-demo';
export type { ImportOptions, ImportProgress, ImportInput } from './options';
