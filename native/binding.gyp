# Release build: `npm run build:native` (also run by `npm ci` / `npm install`)
# -> native/build/Release/candor_native.node
{
  'variables': {'candor_asan%': 0},
  'targets': [
    {
      'target_name': 'candor_native',
      'includes': ['candor.gypi'],
    },
  ],
}
