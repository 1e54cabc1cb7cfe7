// Taro builds use babel-preset-taro; jest (NODE_ENV=test) uses plain presets so tests run the
// same TypeScript sources without Taro's webpack-specific transforms.
module.exports = (api) => {
  if (api.env('test')) {
    return {
      presets: [
        ['@babel/preset-env', { targets: { node: 'current' } }],
        ['@babel/preset-react', { runtime: 'automatic' }],
        '@babel/preset-typescript',
      ],
    };
  }
  return {
    presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  };
};
