import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
export default { input: 'src/host/__probe_tmp.ts', onwarn(){}, plugins: [replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }), resolve({browser:true}), typescript({ tsconfig: './tsconfig.build.json', include: ['src/**/*.ts'] }), terser({ ecma: 2020, module: true, compress: { passes: 3, pure_getters: true }, format: { comments: false } })], output: { file: '/tmp/sz/out.mjs', format: 'es' } };
