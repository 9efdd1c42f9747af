import { DynamicModule, Module } from '@nestjs/common';
import { FieldCipher } from './field.cipher';
import { PersonKeyHasher } from './person-key.hasher';

export interface PersonalDataOptions {
  PERSON_KEY_SECRET: string;
  PERSONAL_DATA_KEY: string;
}

/**
 * Provides PersonKeyHasher and FieldCipher, built from config, to every module (global): inject
 * them by class. The service foundation imports it, so services need do nothing.
 */
@Module({})
export class PersonalDataModule {
  static forRoot(config: PersonalDataOptions): DynamicModule {
    return {
      module: PersonalDataModule,
      global: true,
      providers: [
        { provide: PersonKeyHasher, useValue: new PersonKeyHasher(config.PERSON_KEY_SECRET) },
        { provide: FieldCipher, useValue: new FieldCipher(config.PERSONAL_DATA_KEY) },
      ],
      exports: [PersonKeyHasher, FieldCipher],
    };
  }
}
