import { IsString, Length, Matches } from 'class-validator';

export class RecordRoundRequest {
  /** One of the home's crowded areas (告别厅, 候灵区 …). */
  @IsString() @Length(1, 100, { message: 'area must be 1–100 characters' }) area: string;
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{1,63}$/, { message: 'staffId must be a staff id of the home' }) staffId: string;
  @IsString() @Length(1, 100, { message: 'disinfectant must be 1–100 characters (e.g. 含氯消毒液 500mg/L)' }) disinfectant: string;
}
