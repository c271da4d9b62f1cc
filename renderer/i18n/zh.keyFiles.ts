/** Simplified Chinese for files sealed with a passphrase: the office's key file, and backups. */
export const zhKeyFiles = {
  'err.passphrase.short': '口令至少 12 位',
  'err.passphrase.weak': '口令须包含大写字母、小写字母、数字、其他符号（含汉字）中的至少三种；或长度不少于 20 位',
  'passphrase.hint': '至少 12 位，含大写字母、小写字母、数字、其他符号（含汉字）中的三种；也可用 20 位以上的一句话',
  'officeKeyFile.title': '导出信息办密钥文件',
  'officeKeyFile.help': '把本信息办的数据包加密密钥（包括更换前的旧密钥）导出为一个用口令加密的文件，供命令行工具核验、导入加密的数据包时使用（zwledger verify / ingest 的 --office-key 参数）。',
  'officeKeyFile.keep': '此文件能打开各单位报送的全部加密数据包：只能留在本信息办，妥善保管，不得交给各单位或带出办公场所；口令与文件分开保管。',
  'officeKeyFile.none': '本信息办尚未设置数据包加密密钥，无需导出。请先在“签发政策包”页面设置加密密钥。',
  'officeKeyFile.login': '您的登录密码',
  'officeKeyFile.password': '密钥文件口令',
  'officeKeyFile.confirm': '再次输入密钥文件口令',
  'officeKeyFile.export': '导出密钥文件',
  'officeKeyFile.done': '已导出 {file}。使用时需输入刚才设置的口令。',
} as const;
