# ASan + UBSan debug build: `npm run build:native:asan`
# -> native/asan/build/Debug/candor_native.node (see scripts/test-native-asan.sh)
{
  'variables': {'candor_asan%': 1},
  'targets': [
    {
      'target_name': 'candor_native',
      'includes': ['../candor.gypi'],
    },
  ],
}
