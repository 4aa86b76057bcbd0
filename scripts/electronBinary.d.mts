export declare const projectRoot: string;
export declare const electronPackage: string;
export declare function electronExecutable(): string | undefined;
export declare function isInstalled(file: string | undefined): file is string;
