export * from './regional-setting.repository';
export * from './regional-settings.service';
export * from './regional-settings.http.controller';
export * from './regional-settings.module';
