/** class-transformer's metadata storage, which class-validator-jsonschema reads for nested types. */
declare module 'class-transformer/cjs/storage' {
  export const defaultMetadataStorage: unknown;
}
