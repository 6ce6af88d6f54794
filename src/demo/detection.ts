/** The detection section of `plumbline demo`. */
export async function run(print: (line: string) => void): Promise<void> {
  print("detection: (no demo yet)");
}
