/** Simplified Chinese for attachments sent with bundles when the office's policy asks for them. */
export const zhAttachBundle = {
  'verdict.help.badAttachment': '附件检查未通过：{detail}',
  'attachBundle.card': '附件报送',
  'attachBundle.require': '要求随数据包报送附件',
  'attachBundle.help': '勾选后，各单位导出数据包时一并报送故障报修、培训、安全事件记录上的附件（扫描的维修单、签到表、现场照片）。每个数据包附件合计不超过 {cap} MB，超出的部分在下次导出时报送。',
  'attachBundle.exportNote': '信息办要求随数据包报送附件：本次报送 {n} 个附件，共 {size}。',
  'attachBundle.cut': '附件合计超过每个数据包 {cap} MB 的上限，本次导出到第 {toSeq} 条，其余记录和附件请在下次导出时报送。',
  'attachBundle.fileMissing': '附件“{name}”的文件在本机缺失或已被改动，无法随数据包报送：请先从备份恢复',
  'attachBundle.column': '附件',
  'attach.problem.notSent': '文件未随数据包报送',
  'attach.problem.notOnServer': '汇总数据库（PostgreSQL）不单独保存附件文件，附件在收到的数据包文件中',
  'attachBundle.policyChanged': '信息办要求随数据包报送附件',
  'attachBundle.policyDropped': '信息办不再要求随数据包报送附件',
  'attachBundle.state.asked': '附件报送：导出数据包时一并报送故障、培训、安全事件的附件',
  'attachBundle.state.not': '附件报送：不要求（数据包只含附件的登记信息）',
};
