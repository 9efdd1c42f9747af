// Hostile input: refused at the door with the field and the reason
export * from './input-scan';
export * from './body-parsing';
export * from './dto-rules';
export * from './calendar.validator';
export * from './division-table';
export * from './division-code.validator';
