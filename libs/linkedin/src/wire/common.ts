/** Text with styling/mention ranges; `attributeKind` on the read side. */
export interface AttributedText {
  text: string;
  attributes?: TextAttribute[];
}

/** One styled or linked range of an AttributedText (read side). */
export interface TextAttribute {
  start: number;
  length: number;
  attributeKind?: TextAttributeKind;
}

/** Union of attribute kinds: exactly one key is set. */
export interface TextAttributeKind {
  bold?: Record<string, never>;
  italic?: Record<string, never>;
  underline?: Record<string, never>;
  subscript?: Record<string, never>;
  superscript?: Record<string, never>;
  lineBreak?: Record<string, never>;
  paragraph?: Record<string, never>;
  list?: { ordered: boolean };
  listItem?: Record<string, never>;
  hyperlink?: { url: string };
  entity?: { urn: string };
}

/** Send-side attribute: the key is `attributeKindUnion`, not `attributeKind`. */
export interface SendTextAttribute {
  start: number;
  length: number;
  attributeKindUnion: TextAttributeKind;
}

/** An image as LinkedIn ships it: URL = rootUrl + artifact.fileIdentifyingUrlPathSegment. */
export interface VectorImage {
  rootUrl: string;
  artifacts: VectorArtifact[];
}

/** One resolution of a VectorImage. */
export interface VectorArtifact {
  width: number;
  height: number;
  fileIdentifyingUrlPathSegment?: string;
  expiresAt?: number;
}
