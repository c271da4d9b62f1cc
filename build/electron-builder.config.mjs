// Installers for offline government PCs (DESIGN.md, Electron hardening): no
// publish target, no auto-updater, no web installer, no native modules.
// Plain data, so that test/unit/build/installers.test.ts can check it.
// LoongArch: see the README (no official Electron build, no electron-builder target).

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'cn.gov.zwledger',
  productName: '专网台账',
  executableName: 'zwledger',
  copyright: '专网台账',
  directories: { output: 'dist', buildResources: 'build' },
  // Everything is bundled by Vite into out/; the installer carries no node_modules.
  files: ['out/main/**', 'out/preload/**', 'out/renderer/**', 'assets/icons/**', 'package.json', '!**/node_modules/**'],
  asar: true,
  npmRebuild: false,
  nodeGypRebuild: false,
  publish: null,
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    // Honoured on Windows (and macOS); Electron has no asar integrity check on Linux, where the fuse does nothing.
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
    icon: 'assets/icons/app.ico',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    shortcutName: '专网台账',
    installerIcon: 'assets/icons/app.ico',
    uninstallerIcon: 'assets/icons/app.ico',
  },
  linux: {
    target: [{ target: 'deb', arch: ['x64', 'arm64'] }],
    // A folder of NxN.png: electron-builder reads each size from its file name.
    icon: 'assets/icons/linux',
    category: 'Office',
    maintainer: '专网台账 <zwledger@localhost>',
    synopsis: '政务专网单位台账',
  },
  deb: { depends: [] },
};

export default config;
