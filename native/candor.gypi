# The candor_native target body, shared by binding.gyp (release) and
# asan/binding.gyp (ASan + UBSan debug build). Paths are relative to this file.
# SIMD files are compiled with the baseline flags: each AVX2/SSE4.1 function
# carries its own target attribute and is only called after runtime detection.
{
  'sources': [
    'src/addon.cc',
    'src/capabilities.cc',
    'src/cpu.cc',
    'src/dispatch.cc',
    'src/nms.cc',
    'src/nms_core.cc',
    'src/pipe.cc',
    'src/preprocess.cc',
    'src/preprocess_core.cc',
    'src/resample_plan.cc',
    'src/yunet.cc',
    'src/yunet_core.cc',
    'src/xcorr.cc',
    'kernels/resize/scalar.cc',
    'kernels/yuv/scalar.cc',
    'kernels/iou/scalar.cc',
    'kernels/xcorr/scalar.cc',
  ],
  'include_dirs': ["<!(node -p \"require('node-addon-api').include_dir\")"],
  'defines': ['NAPI_CPP_EXCEPTIONS', 'NAPI_VERSION=8', 'NODE_ADDON_API_DISABLE_DEPRECATED'],
  'cflags!': ['-fno-exceptions'],
  'cflags_cc!': ['-fno-exceptions', '-std=gnu++20', '-std=gnu++17'],
  'cflags_cc': ['-std=c++17', '-fvisibility=hidden', '-ffp-contract=off', '-Wall', '-Wextra'],
  'xcode_settings': {
    'GCC_ENABLE_CPP_EXCEPTIONS': 'YES',
    'CLANG_CXX_LANGUAGE_STANDARD': 'c++17',
    'GCC_SYMBOLS_PRIVATE_EXTERN': 'YES',
    'OTHER_CPLUSPLUSFLAGS': ['-ffp-contract=off'],
    'MACOSX_DEPLOYMENT_TARGET': '11.0',
  },
  'msvs_settings': {
    'VCCLCompilerTool': {'ExceptionHandling': 1, 'AdditionalOptions': ['/std:c++17', '/fp:precise']},
  },
  'conditions': [
    ['target_arch=="x64" or target_arch=="ia32"', {
      'sources': [
        'kernels/resize/sse41.cc', 'kernels/resize/avx2.cc',
        'kernels/yuv/sse41.cc', 'kernels/yuv/avx2.cc',
        'kernels/iou/sse41.cc', 'kernels/iou/avx2.cc',
        'kernels/xcorr/sse41.cc', 'kernels/xcorr/avx2.cc',
      ],
    }],
    ['target_arch=="arm64"', {
      'sources': ['kernels/resize/neon.cc', 'kernels/yuv/neon.cc', 'kernels/iou/neon.cc', 'kernels/xcorr/neon.cc'],
    }],
    ['candor_asan==1', {
      'cflags_cc': ['-fsanitize=address,undefined', '-fno-sanitize=vptr', '-fno-omit-frame-pointer', '-g', '-O1'],
      'ldflags': ['-fsanitize=address,undefined'],
      'xcode_settings': {
        'OTHER_CPLUSPLUSFLAGS': ['-fsanitize=address,undefined', '-fno-omit-frame-pointer'],
        'OTHER_LDFLAGS': ['-fsanitize=address,undefined'],
      },
    }],
  ],
}
