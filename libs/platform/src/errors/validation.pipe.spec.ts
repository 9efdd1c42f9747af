import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsString, Length, ValidateNested } from 'class-validator';
import { RequestValidationPipe } from './validation.pipe';

class SubjectDto {
  @IsString() @Length(1, 128) id: string;
}

class OpenCaseDto {
  @ValidateNested() @Type(() => SubjectDto) subject: SubjectDto;
  @IsString() @Length(1, 100) title: string;
}

async function refusal(value: unknown, type: 'body' | 'param' = 'body', data?: string): Promise<unknown> {
  try {
    await new RequestValidationPipe().transform(value, { type, metatype: type === 'body' ? OpenCaseDto : String, data });
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).getResponse();
  }
  throw new Error('accepted');
}

describe('RequestValidationPipe on its own (no body check before it)', () => {
  it('refuses a body nested 5,000 levels deep with 400 instead of overflowing the stack', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5_000; i++) deep = { a: deep };
    expect(await refusal({ subject: { id: 'x' }, title: deep })).toMatchObject({
      error: 'ValidationFailed',
      fields: [{ field: expect.stringMatching(/^title(\.a){31}$/) }],
    });
  });

  it('refuses a __proto__ key before class-transformer would strip it', async () => {
    expect(await refusal(JSON.parse('{"subject":{"id":"x","__proto__":{"isAdmin":true}},"title":"t"}'))).toMatchObject({
      fields: [{ field: 'subject.__proto__', reasons: ['is not an accepted field name (__proto__)'] }],
    });
  });

  it('refuses a missing nested object, and keeps class-validator’s reason for a field it refused', async () => {
    expect(await refusal({ title: 't' })).toMatchObject({ fields: [{ field: 'subject', reasons: ['must be given'] }] });
    expect(await refusal({ subject: { id: 'x' }, title: '' })).toMatchObject({
      fields: [{ field: 'title', reasons: ['must be longer than or equal to 1 characters'] }],
    });
  });

  it('names a parameter holding a control character', async () => {
    expect(await refusal('330521\u0000', 'param', 'townshipCode')).toMatchObject({ fields: [{ field: 'townshipCode' }] });
  });

  it('passes a valid body as its DTO', async () => {
    const dto = await new RequestValidationPipe().transform(
      { subject: { id: 'u-1' }, title: '台账缺失' },
      { type: 'body', metatype: OpenCaseDto },
    );
    expect(dto).toBeInstanceOf(OpenCaseDto);
  });
});
