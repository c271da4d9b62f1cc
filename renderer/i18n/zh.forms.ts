/** Forms: required fields, lengths, times that already happened, confirmations. */
export const zhForms = {
  // `${label}` is filled in by the form with the field's own label.
  'err.requiredField': '请填写${label}',
  'err.tooLongMax': '内容过长：最多 {max} 个字',
  'err.tooLongBy': '最多 {max} 个字，现在有 {n} 个字，请删减后再保存',
  'err.phone.mobile': '文档员须 24 小时能联系到（第二十七条），请填写 11 位手机号码，不能填座机',
  'err.futureTime': '不能晚于现在：这里记录的是已经发生的时间',
  'err.futureDate': '不能晚于今天：这里记录的是已经发生的日期',
  'unit.docOfficerPhoneHelp': '手机号码：文档员须 24 小时能联系到',
  'common.confirmTitle': '请确认',
  'common.confirmSave': '确定保存',
  'common.back': '返回修改',
  'fault.confirmOutsideBand': '决定的核减比例 {pct}% 不在建议的 {min}%–{max}% 范围内。确定按 {pct}% 保存吗？核减报告中会标注“超出建议范围”。',
  'fault.confirmNoBand': '按第四十四条，本故障没有建议核减，而决定的核减比例为 {pct}%。确定保存吗？核减报告中会标注“超出建议范围”。',
  'fault.outsideBand': '超出建议范围',
  'fault.outsideBandShort': '超出建议',
  'fault.report.outsideBand': '{n} 张超出建议范围',
  'fault.report.remark': '备注',
} as const;
