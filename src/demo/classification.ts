/** The classification section of `plumbline demo`. */
export async function run(print: (line: string) => void): Promise<void> {
  print("classification: (no demo yet)");
}
