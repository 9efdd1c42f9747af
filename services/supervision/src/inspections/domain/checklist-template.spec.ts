import {
  candidateTemplateIds,
  currentVersion,
  defaultTemplate,
  reviseTemplate,
  sourceOf,
  templateIdOf,
  unsetTemplate,
} from './checklist-template';

const at = new Date('2026-03-05T01:00:00Z');
const items = [{ code: 'ppe-stock', text: '防护物资储备满足 7 天' }];

describe('regional checklist templates', () => {
  it('looks for the narrowest division first, then every region', () => {
    expect(candidateTemplateIds('elderly-care-home', '330521101')).toEqual([
      'elderly-care-home@330521101',
      'elderly-care-home@330521',
      'elderly-care-home@3305',
      'elderly-care-home@33',
      'elderly-care-home',
    ]);
    expect(candidateTemplateIds('relief-station', '')).toEqual(['relief-station']);
  });

  it('numbers a region’s versions from 1 and every region’s on from the built-in 0', () => {
    const regional = reviseTemplate(unsetTemplate('elderly-care-home', '330521'), items, 'o-county', at);
    expect(regional).toMatchObject({
      templateId: 'elderly-care-home@330521',
      divisionCode: '330521',
      divisionAncestors: ['33', '3305', '330521'],
    });
    expect(regional.versions.map((v) => v.version)).toEqual([1]);
    expect(reviseTemplate(regional, items, 'o-county', at).versions.map((v) => v.version)).toEqual([1, 2]);
    const everywhere = reviseTemplate(unsetTemplate('elderly-care-home', ''), items, 'o-prov', at);
    expect(everywhere.templateId).toBe(templateIdOf('elderly-care-home', ''));
    expect(everywhere.versions.map((v) => v.version)).toEqual([0, 1]);
    expect(currentVersion(everywhere).items).toEqual(items);
  });

  it('says where a template comes from', () => {
    expect(sourceOf(unsetTemplate('elderly-care-home', '330521'), false)).toBe('330521');
    expect(sourceOf(defaultTemplate('elderly-care-home'), false)).toBe('all-regions');
    expect(sourceOf(defaultTemplate('elderly-care-home'), true)).toBe('default');
  });

  it('refuses duplicate codes, naming the field', () => {
    const twice = [...items, { code: 'ppe-stock', text: 'x' }];
    expect(() => reviseTemplate(unsetTemplate('elderly-care-home', '330521'), twice, 'o', at)).toThrow(
      expect.objectContaining({ details: { field: 'items.1.code' } }),
    );
  });
});
