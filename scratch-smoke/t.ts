import { Testing, TerraformStack, TerraformResource } from 'cdktf';
class R extends TerraformResource { constructor(s: any, id: string, private a: any) { super(s, id, { terraformResourceType: 'x_y' }); } protected synthesizeAttributes() { return this.a; } }
const app = Testing.app(); const stack = new TerraformStack(app, 't');
new R(stack, 'r', { v: 'a ${x} b %{i} c $${y}', l: ['${z}'] });
console.log(JSON.stringify(JSON.parse(Testing.synth(stack)).resource));
