/** Bundles `src/tabs/index.ts` for the browser (deps inlined) so a test can add it to the CRM page. */
import { rollup } from 'rollup';
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';

let cached: Promise<string> | undefined;
/** @example await page.addScriptTag({ type: 'module', content: await tabsBundle() + ';window.Tabs = {mountSharedConnectionBar}' }); */
export function tabsBundle(): Promise<string> {
  cached ??= (async () => {
    const b = await rollup({
      input: 'src/tabs/index.ts',
      onwarn: () => {},
      plugins: [
        replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
        resolve({ browser: true }),
        typescript({ tsconfig: './tsconfig.build.json', declaration: false, declarationMap: false, sourceMap: false, outDir: undefined }),
      ],
    });
    const { output } = await b.generate({ format: 'iife', name: 'CecBarTabs' });
    await b.close();
    return output[0].code;
  })();
  return cached;
}
