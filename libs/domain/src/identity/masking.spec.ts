import { maskIdNumber, maskName, maskPhone, maskTail4 } from './masking';

describe('display masking (api.md "Masking"; domain.md §7.3)', () => {
  it('ID numbers keep the first 6 and last 4 (api.md, the client contract)', () => {
    expect(maskIdNumber('33010219800101123X')).toBe('330102********123X');
    expect(maskIdNumber('1234567890')).toBe('**********');
  });

  it('mobile numbers keep 3 + 4', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('1234567')).toBe('*******');
  });

  it('names keep the surname: 张三 -> 张*, 王小五 -> 王**', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('王小五')).toBe('王**');
    expect(maskName('张')).toBe('张');
  });

  it('compound surnames stay whole: 欧阳娜娜 -> 欧阳**, 司马光 -> 司马*; a two-character name is surname + 1', () => {
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('司马光')).toBe('司马*');
    expect(maskName('欧阳')).toBe('欧*');
  });

  it('transliterated names keep the first character, the middle dots and spaces', () => {
    expect(maskName('买买提·艾力')).toBe('买**·**');
    expect(maskName('John Smith')).toBe('J*** *****');
  });

  it('rare characters outside the BMP count as one character', () => {
    expect(maskName('𠀋一')).toBe('𠀋*');
  });

  it('insurance numbers keep the last 4', () => {
    expect(maskTail4('3307810012345678')).toBe('************5678');
    expect(maskTail4('123')).toBe('123');
  });
});
