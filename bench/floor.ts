// The floor of any synth of these stacks, for comparison: node, cdktf, and only the provider
// modules the project imports (their list comes in as arguments), synthesizing an empty stack
// with a provider. Run by bench/run.mjs as a whole process: node .gen/bench/floor.js <outdir> <module>...
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

const [outdir, ...providerModules] = process.argv.slice(2);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loading them is what is measured
for (const name of providerModules) require(`@cdktf/provider-aws/lib/${name}`);
const app = new App({ outdir, stackTraces: false });
const stack = new TerraformStack(app, 'floor');
new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
app.synth();
